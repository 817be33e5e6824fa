package dev.xtls.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.TestPki;
import dev.xtls.wire.Bytes;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalChainReferenceTest {
    private static final TestPki PKI = TestPki.create();
    private final LocalChainReference reference = LocalChainReference.of("server", List.of(PKI.ecdsaP256().chain()));

    @Test
    void theDigestIsTheSha256OfTheLeafsDer() throws Exception {
        assertEquals(Bytes.wrap(MessageDigest.getInstance("SHA-256").digest(PKI.ecdsaP256().leaf().getEncoded())),
                reference.leafSha256());
    }

    @Test
    void theAliasResolvesToTheChainItNamesNowWhenItsLeafIsTheSame() {
        LocalChainReference.Resolution r = reference.resolve(Map.of("server", PKI.ecdsaP256().chain())::get);
        assertTrue(r.resolved());
        assertEquals(List.of(PKI.ecdsaP256().chain()), r.chain());
    }

    @Test
    void anAliasThatNowNamesAnotherCertificateIsRefusedSayingSo() {
        LocalChainReference.Resolution r = reference.resolve(Map.of("server", PKI.ecdsaP384().chain())::get);
        assertFalse(r.resolved());
        assertTrue(r.refusal().contains("alias \"server\" now names another certificate"), r.refusal());
    }

    @Test
    void anAliasTheKeyManagerLacksIsRefusedSayingSo() {
        LocalChainReference.Resolution r = reference.resolve(alias -> null);
        assertFalse(r.resolved());
        assertTrue(r.refusal().contains("no longer has the alias \"server\""), r.refusal());
    }

    @Test
    void aKeyManagerThatThrowsOnTheAliasRefusesTheTicketInsteadOfFailingTheHandshake() {
        LocalChainReference.Resolution r = reference.resolve(alias -> {
            throw new IllegalArgumentException("malformed alias " + alias);
        });
        assertFalse(r.resolved());
        assertTrue(r.refusal().contains("failed to look up the alias \"server\"")
                && r.refusal().contains("malformed alias server"), r.refusal());
    }

    @Test
    void anEmptyAliasOrADigestThatIsNot32BytesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LocalChainReference("", reference.leafSha256()));
        assertThrows(IllegalArgumentException.class, () -> new LocalChainReference("server", Bytes.wrap(new byte[31])));
    }
}
