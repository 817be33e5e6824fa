package dev.xtls.bench.timing;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import javax.crypto.Cipher;

/**
 * The Marvin attack's classes of RSA key-transport ciphertexts (RFC 5246 §7.4.7.1, PKCS#1 v1.5 EM =
 * 0x00 0x02 PS 0x00 M), made by encrypting chosen raw plaintexts with "RSA/ECB/NoPadding" and the public key.
 * One fixed ciphertext per class, as the Marvin tooling does; two different valid ones show how much the value
 * alone moves the time.
 */
final class RsaCiphertexts {
    private static final int PREMASTER = 48;

    private RsaCiphertexts() {
    }

    /** Class name to ciphertext, in a fixed order. */
    static Map<String, byte[]> of(PublicKey key, long seed) throws GeneralSecurityException {
        int k = (((RSAPublicKey) key).getModulus().bitLength() + 7) / 8;
        Random random = new Random(seed);
        Map<String, byte[]> classes = new LinkedHashMap<>();
        classes.put("valid", encrypt(key, pkcs1(k, PREMASTER, 0x02, 0x0303, random)));
        classes.put("valid-other", encrypt(key, pkcs1(k, PREMASTER, 0x02, 0x0303, random)));
        classes.put("wrong-version", encrypt(key, pkcs1(k, PREMASTER, 0x02, 0x0301, random)));
        classes.put("bad-type-0x01", encrypt(key, pkcs1(k, PREMASTER, 0x01, 0x0303, random)));
        byte[] noSeparator = pkcs1(k, PREMASTER, 0x02, 0x0303, random);
        noSeparator[k - PREMASTER - 1] = 0x55;
        classes.put("no-separator", encrypt(key, noSeparator));
        classes.put("message-47-bytes", encrypt(key, pkcs1(k, PREMASTER - 1, 0x02, 0x0303, random)));
        classes.put("message-49-bytes", encrypt(key, pkcs1(k, PREMASTER + 1, 0x02, 0x0303, random)));
        byte[] leadingZeros = pkcs1(k, PREMASTER, 0x02, 0x0303, random);
        java.util.Arrays.fill(leadingZeros, 0, 8, (byte) 0);
        classes.put("8-leading-zeros", encrypt(key, leadingZeros));
        return classes;
    }

    /** 0x00 type PS(non-zero) 0x00 M, M of {@code length} bytes starting with {@code version}. */
    private static byte[] pkcs1(int k, int length, int type, int version, Random random) {
        byte[] em = new byte[k];
        em[1] = (byte) type;
        for (int i = 2; i < k - length - 1; i++) {
            em[i] = (byte) (1 + random.nextInt(255));
        }
        int m = k - length;
        for (int i = m; i < k; i++) {
            em[i] = (byte) random.nextInt(256);
        }
        em[m] = (byte) (version >>> 8);
        em[m + 1] = (byte) version;
        return em;
    }

    private static byte[] encrypt(PublicKey key, byte[] em) throws GeneralSecurityException {
        Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
        raw.init(Cipher.ENCRYPT_MODE, key);
        return raw.doFinal(em);
    }
}
