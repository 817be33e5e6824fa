package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.HelloExtensionReader;
import dev.xtls.testing.HelloExtensions;
import dev.xtls.testing.Peer;
import dev.xtls.testing.PlaintextHandshake;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The RFC 6066 extensions Xtls does not implement: client_certificate_url (§5; a server fetching URLs its clients
 * name invites request forgery), trusted_ca_keys (§6; JSSE's key managers have no way to choose by it) and
 * truncated_hmac (§7; insecure). The server ignores them, echoes none, and keeps full-length MACs; the client
 * never sends them. A SunJSSE ClientHello gains each in flight, so the Finished fails over the changed
 * transcript: the test shows the server got there, with its ServerHello free of the extension and the client's
 * CBC Finished record accepted under a full-length HMAC (a truncated one would fail it with bad_record_mac).
 */
class Rfc6066OtherExtensionsTest {
    private static final String ECDSA_CBC = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256";
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
            "2, client_certificate_url, ''", // §5: extension_data empty
            // §6: trusted_authorities_list { pre_agreed; cert_sha1_hash(20 bytes) }
            "3, trusted_ca_keys, 0016000003a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4",
            "4, truncated_hmac, ''"}) // §7: extension_data empty
    void serverIgnoresTheExtensionEchoesNothingAndKeepsFullLengthMacs(int type, String name, String hex) {
        SSLEngine client = Peer.SUN.engine(Role.CLIENT, pki, null, ECDSA_CBC);
        SSLEngine server = Peer.XTLS.engine(Role.SERVER, pki, pki.ecdsaP256(), ECDSA_CBC);
        // without extended_master_secret (RFC 7627) the keys do not depend on the transcript, so records still
        // authenticate and only the Finished shows the change
        UnaryOperator<ByteBuffer> withoutEms = HelloExtensions.without(PlaintextHandshake.CLIENT_HELLO, 23);
        UnaryOperator<ByteBuffer> plus = HelloExtensions.with(PlaintextHandshake.CLIENT_HELLO, type,
                HexFormat.of().parseHex(hex));
        EnginePair pair = EnginePair.builder(client, server).lenient()
                .intercept(Role.CLIENT, r -> plus.apply(withoutEms.apply(r))).build();
        Failure f = pair.expectHandshakeFailure();
        assertNull(HelloExtensionReader.extension(pair, Role.SERVER, type), name + " echoed");
        assertTrue(PlaintextHandshake.of(pair.records(Role.SERVER)).has(PlaintextHandshake.SERVER_KEY_EXCHANGE));
        // the client's Finished record authenticated (full HMAC-SHA256); its verify_data, over the client's own
        // transcript, does not match the server's
        assertEquals("decrypt_error", f.alertReceivedBy(Role.CLIENT).orElseThrow(), f.toString());
        assertTrue(f.server().getMessage().contains("Finished"), f.server().getMessage());
    }

    @Test
    void clientSendsNoneOfThem() {
        SSLEngine client = Peer.XTLS.engine(Role.CLIENT, pki, null);
        SSLEngine server = Peer.SUN.engine(Role.SERVER, pki, pki.ecdsaP256());
        EnginePair pair = EnginePair.builder(client, server).build();
        pair.handshake();
        for (int type : List.of(2, 3, 4)) {
            assertNull(HelloExtensionReader.extension(pair, Role.CLIENT, type), "extension " + type + " sent");
        }
        assertFalse(pair.engine(Role.CLIENT).getSession().getCipherSuite().isEmpty());
    }
}
