package dev.xtls.session;

import static dev.xtls.session.TicketSessions.contents;
import static dev.xtls.session.TicketSessions.established;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.xtls.testing.TestPki;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.DecodeException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TicketStateCodecTest {
    private static final TestPki PKI = TestPki.create();
    private static final Map<Integer, Bytes> SUPPLEMENTAL_DATA = Map.of(0, Bytes.fromHex("0102"), 0xFF00, Bytes.EMPTY);

    private final byte[] encoded = TicketStateCodec.encode(contents(established(9)
            .withApplicationProtocol("http/1.1")
            .withServerNames(List.of("example.com"))
            .withPeerCertificates(List.of(PKI.ecdsaP256().chain()))
            .withSupplementalData(SUPPLEMENTAL_DATA)));

    @Test
    void decodingThenEncodingGivesTheSameBytes() {
        assertArrayEquals(encoded, TicketStateCodec.encode(TicketStateCodec.decode(encoded)));
    }

    @Test
    void supplementalDataTheClientSentSurvivesTheTicket() {
        assertEquals(SUPPLEMENTAL_DATA, TicketStateCodec.decode(encoded).session().supplementalData());
    }

    @Test
    void aTls13TicketKeepsItsPskAgeAddAndIssueTimeInFormat5AndTls12StaysFormat4() {
        byte[] psk = new byte[32];
        Arrays.fill(psk, (byte) 7);
        SessionState tls13 = established(9).withNegotiated(Bytes.EMPTY, dev.xtls.wire.ProtocolVersion.TLS13,
                new dev.xtls.wire.CipherSuite(0x1301)).withPskTicket(dev.xtls.crypto.Secret.wrap(psk.clone()),
                new PskTicket(0xFFFFFFFEL, TicketSessions.CREATED + 5000, 0));
        byte[] sealed = TicketStateCodec.encode(contents(tls13));
        assertEquals(TicketStateCodec.FORMAT_TLS13, sealed[0]);
        assertEquals(TicketStateCodec.FORMAT, encoded[0]);
        TicketContents back = TicketStateCodec.decode(sealed);
        assertArrayEquals(psk, back.session().masterSecret().reveal());
        assertEquals(new PskTicket(0xFFFFFFFEL, TicketSessions.CREATED + 5000, TicketSessions.LIFETIME_SECONDS),
                back.session().pskTicket());
        assertArrayEquals(sealed, TicketStateCodec.encode(back));
        for (int n = 0; n < sealed.length; n++) {
            byte[] prefix = Arrays.copyOf(sealed, n);
            assertThrows(DecodeException.class, () -> TicketStateCodec.decode(prefix), "prefix of " + n);
        }
    }

    @Test
    void aFormat1TicketFromBeforeSupplementalDataIsADecodeError() {
        byte[] old = encoded.clone();
        old[0] = 1;
        assertThrows(DecodeException.class, () -> TicketStateCodec.decode(old));
    }

    @Test
    void formats2And3WhichCarriedOurChainsDerAreDecodeErrors() {
        for (int format : new int[] {2, 3}) {
            byte[] old = encoded.clone();
            old[0] = (byte) format;
            assertThrows(DecodeException.class, () -> TicketStateCodec.decode(old), "format " + format);
        }
    }

    @Test
    void ourChainIsNamedByAliasAndLeafDigestSoTheStateDoesNotGrowWithIt() {
        SessionState base = established(9).withServerNames(List.of("example.com"));
        byte[] shortChain = TicketStateCodec.encode(contents(base.withLocalCertificates(
                List.of(PKI.ecdsaP256().chain()), "alias-1")));
        byte[] rsaChain = TicketStateCodec.encode(contents(base.withLocalCertificates(
                List.of(PKI.rsa2048().leaf(), PKI.caCertificate()), "alias-2")));
        assertEquals(shortChain.length, rsaChain.length);
        TicketContents back = TicketStateCodec.decode(rsaChain);
        assertEquals(LocalChainReference.of("alias-2", List.of(PKI.rsa2048().leaf())), back.localChain());
        assertEquals(List.of(), back.session().localCertificates());
        assertArrayEquals(rsaChain, TicketStateCodec.encode(back));
        assertEquals(null, TicketStateCodec.decode(encoded).localChain(), "no certificate of ours, no reference");
    }

    @Test
    void aSessionWithOurChainButNoAliasCannotBeSealed() {
        SessionState noAlias = established(9).withLocalCertificates(List.of(PKI.ecdsaP256().chain()), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> contents(noAlias));
        assertTrue(e.getMessage().contains("alias"), e.getMessage());
    }

    @Test
    void aChainReferenceWithoutAnAliasOrWithoutA32ByteDigestIsADecodeError() {
        byte[] state = TicketStateCodec.encode(contents(established(9).withLocalCertificates(
                List.of(PKI.ecdsaP256().chain()), "a")));
        // local_alias<0..2^16-1> = "a", then local_leaf_sha256<0..32> of 32 bytes
        int at = indexOf(state, new byte[] {0, 1, 'a', 32});
        byte[] noAlias = new byte[state.length - 1];
        System.arraycopy(state, 0, noAlias, 0, at);
        System.arraycopy(state, at + 3, noAlias, at + 2, state.length - at - 3);
        DecodeException e = assertThrows(DecodeException.class, () -> TicketStateCodec.decode(noAlias));
        assertTrue(e.getMessage().contains("0-byte alias"), e.getMessage());
        byte[] shortDigest = new byte[state.length - 1];
        System.arraycopy(state, 0, shortDigest, 0, at + 3);
        shortDigest[at + 3] = 31;
        System.arraycopy(state, at + 5, shortDigest, at + 4, state.length - at - 5);
        e = assertThrows(DecodeException.class, () -> TicketStateCodec.decode(shortDigest));
        assertTrue(e.getMessage().contains("31-byte digest"), e.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void everyStrictPrefixIsADecodeError() {
        for (int n = 0; n < encoded.length; n++) {
            byte[] prefix = Arrays.copyOf(encoded, n);
            assertThrows(DecodeException.class, () -> TicketStateCodec.decode(prefix), "prefix of " + n);
        }
    }

    /** Found by TicketFuzzTest (its crash-5248bd04... input, format 3 then): a TLS 1.3 state holding a 3-byte PSK. */
    @Test
    void aTls13ResumptionSecretThatIsNotAHashLongIsADecodeError() {
        byte[] state = HexFormat.of().parseHex("05c0032b02030303030300000000e8000100000029000000000000"
                + "0000000000000000000000000000000000000000010000000000002000");
        DecodeException e = assertThrows(DecodeException.class, () -> TicketStateCodec.decode(state));
        assertEquals("ticket state: TLS 1.3 resumption secret of 3 bytes, expected 32 or 48 (RFC 8446 §4.6.1)",
                e.getMessage());
    }

    @Test
    void unknownFlagBitsAreADecodeError() {
        byte[] flags = encoded.clone();
        flags[1 + 2 + 2 + 48] |= 0x20;
        assertThrows(DecodeException.class, () -> TicketStateCodec.decode(flags));
    }

    @Test
    void seededRandomMutationsDecodeOrFailWithADecodeErrorOnly() {
        Random random = new Random(5077);
        for (int round = 0; round < 2000; round++) {
            byte[] mutated = encoded.clone();
            for (int k = 1 + random.nextInt(4); k > 0; k--) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            try {
                TicketStateCodec.decode(mutated);
            } catch (DecodeException expected) {
                // malformed: the sealer opens such a ticket to empty
            } catch (RuntimeException e) {
                fail("round " + round + ": " + e, e);
            }
        }
    }
}
