package dev.xtls.crypto.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The masked PKCS#1 v1.5 check behind the RFC 5246 §7.4.7.1 countermeasure. */
class RsaPremasterTest {
    private static final int K = 256;

    /** EM = 00 02 PS 00 M with a 48-byte M (RFC 8017 §7.2.2). */
    private static byte[] validEm(byte[] message) {
        byte[] em = new byte[K];
        em[1] = 2;
        for (int i = 2; i < K - 49; i++) {
            em[i] = (byte) (1 + (i % 255));
        }
        System.arraycopy(message, 0, em, K - 48, 48);
        return em;
    }

    private static byte[] message() {
        byte[] m = new byte[48];
        new SecureRandom().nextBytes(m);
        return m;
    }

    @Test
    void acceptsAWellFormedBlockAndCopiesTheMessage() {
        byte[] m = message();
        byte[] out = new byte[48];
        assertEquals(-1, RsaPremaster.checkPadding(validEm(m), out));
        assertArrayEquals(m, out);
    }

    @Test
    void rejectsEveryMalformation() {
        byte[] m = message();
        int[][] damage = {{0, 1}, {1, 1}, {1, 0}, {5, 0}, {K - 50, 0}, {K - 49, 7}};
        for (int[] d : damage) {
            byte[] em = validEm(m);
            em[d[0]] = (byte) d[1];
            assertEquals(0, RsaPremaster.checkPadding(em, new byte[48]), "byte " + d[0] + " = " + d[1]);
        }
    }

    @Test
    void decryptReturnsClientVersionAndRandomBytesForGarbage() {
        java.security.KeyPairGenerator g;
        try {
            g = java.security.KeyPairGenerator.getInstance("RSA");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        g.initialize(2048);
        java.security.KeyPair kp = g.generateKeyPair();
        byte[] garbage = new byte[K];
        garbage[5] = 1;
        byte[] a = RsaPremaster.decrypt(kp.getPrivate(), garbage, 0x0303, new SecureRandom());
        byte[] b = RsaPremaster.decrypt(kp.getPrivate(), garbage, 0x0303, new SecureRandom());
        assertEquals(48, a.length);
        assertArrayEquals(new byte[] {3, 3}, Arrays.copyOf(a, 2));
        assertEquals(false, Arrays.equals(a, b), "a fresh random premaster each time");
        byte[] pms = message();
        pms[0] = 3;
        pms[1] = 3;
        byte[] encrypted = RsaPremaster.encrypt(kp.getPublic(), pms, new SecureRandom());
        assertArrayEquals(pms, RsaPremaster.decrypt(kp.getPrivate(), encrypted, 0x0303, new SecureRandom()));
    }
}
