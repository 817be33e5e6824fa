package dev.xtls.session;

import static dev.xtls.session.TicketSessions.contents;
import static dev.xtls.session.TicketSessions.established;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    void aTls13TicketKeepsItsPskAgeAddAndIssueTimeInFormat3AndTls12StaysFormat2() {
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
    void everyStrictPrefixIsADecodeError() {
        for (int n = 0; n < encoded.length; n++) {
            byte[] prefix = Arrays.copyOf(encoded, n);
            assertThrows(DecodeException.class, () -> TicketStateCodec.decode(prefix), "prefix of " + n);
        }
    }

    /** Found by TicketFuzzTest (its crash-5248bd04... input): a TLS 1.3 state holding a 3-byte PSK. */
    @Test
    void aTls13ResumptionSecretThatIsNotAHashLongIsADecodeError() {
        byte[] state = HexFormat.of().parseHex("03c0032b02030303030300000000e8000100000029000000000000"
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
