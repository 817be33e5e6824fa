package dev.xtls.crypto.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.Hmac;
import dev.xtls.crypto.TranscriptHash;
import dev.xtls.wire.NamedGroup;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class JcaTlsCryptoTest {
    private final SecureRandom random = new SecureRandom();
    private final JcaTlsCrypto crypto = new JcaTlsCrypto(random);

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void handsOutTheInjectedRandom() {
        assertSame(random, crypto.random());
    }

    // RFC 2202 §3 and RFC 4231 §4.3, test case 2: key "Jefe", data "what do ya want for nothing?".
    @Test
    void hmacMatchesRfc2202AndRfc4231TestCaseTwo() {
        String[][] cases = {{"SHA1", "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"},
                {"SHA256", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
                {"SHA384", "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
                        + "8e2240ca5e69e2c78b3239ecfab21649"},
                {"SHA512", "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
                        + "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"}};
        for (String[] c : cases) {
            HashAlgorithm h = HashAlgorithm.valueOf(c[0]);
            Hmac mac = crypto.hmac(h, ascii("Jefe"));
            assertEquals(h.outputLength(), mac.macLength());
            mac.update(ascii("what do ya "));
            mac.update(ascii("want for nothing?"));
            byte[] expected = HexFormat.of().parseHex(c[1]);
            assertArrayEquals(expected, mac.doFinal(), c[0]);
            mac.update(ascii("what do ya want for nothing?"));
            byte[] out = new byte[h.outputLength() + 3];
            mac.doFinal(out, 3);
            assertArrayEquals(expected, java.util.Arrays.copyOfRange(out, 3, out.length), "reused " + c[0]);
        }
    }

    @Test
    void transcriptHashSnapshotsWithoutEndingTheHash() throws Exception {
        for (HashAlgorithm h : HashAlgorithm.values()) {
            TranscriptHash t = crypto.newTranscriptHash(h);
            assertEquals(h, t.algorithm());
            String name = h == HashAlgorithm.SHA1 ? "SHA-1" : "SHA-" + h.name().substring(3);
            t.update(ascii("client hello"));
            assertArrayEquals(MessageDigest.getInstance(name).digest(ascii("client hello")), t.current());
            t.update(ascii(" server hello"), 0, 13);
            assertArrayEquals(MessageDigest.getInstance(name).digest(ascii("client hello server hello")),
                    t.current());
            assertEquals(h.outputLength(), t.current().length);
        }
    }

    @Test
    void supportsEveryNamedGroupItImplements() {
        int[] codes = {23, 24, 25, 29, 30, 256, 257, 258, 259, 260};
        for (int code : codes) {
            NamedGroup g = new NamedGroup(code);
            assertTrue(crypto.supportsGroup(g), g.name());
        }
        for (int code : new int[] {0, 21, 22, 26, 0x0A0A, 261, 0x01FF}) {
            NamedGroup g = new NamedGroup(code);
            assertFalse(crypto.supportsGroup(g), g.name());
            assertThrows(IllegalArgumentException.class, () -> crypto.generateKeyShare(g));
        }
    }

    @Test
    void keySharesComeFromTheInjectedRandom() {
        byte[] seed = new byte[32];
        seed[0] = 42;
        byte[] a = new JcaTlsCrypto(new FixedRandom(seed)).generateKeyShare(NamedGroup.X25519).publicValue();
        byte[] b = new JcaTlsCrypto(new FixedRandom(seed)).generateKeyShare(NamedGroup.X25519).publicValue();
        assertArrayEquals(a, b);
    }
}
