package dev.xtls.crypto.jca;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.TlsException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAKey;
import javax.crypto.Cipher;

/**
 * RSA key transport of the premaster secret (RFC 5246 §7.4.7.1). Decryption uses raw RSA and checks the
 * PKCS#1 v1.5 padding with masks, so that a bad padding, a wrong length and a good message take the same path
 * (Bleichenbacher / ROBOT countermeasure). A key whose provider has no raw RSA (some tokens) falls back to the
 * provider's PKCS#1 decryption, where an exception on bad padding is unavoidable.
 */
final class RsaPremaster {
    private static final int PREMASTER_LENGTH = 48;

    private RsaPremaster() {
    }

    static byte[] encrypt(PublicKey key, byte[] premaster, SecureRandom random) {
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.ENCRYPT_MODE, key, random);
            return rsa.doFinal(premaster);
        } catch (GeneralSecurityException e) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR,
                    "cannot encrypt the premaster secret to the server's " + key.getAlgorithm() + " key", e);
        }
    }

    static byte[] decrypt(PrivateKey key, byte[] encrypted, int clientVersion, SecureRandom random) {
        byte[] fallback = new byte[PREMASTER_LENGTH - 2];
        random.nextBytes(fallback);
        byte[] out = new byte[PREMASTER_LENGTH];
        out[0] = (byte) (clientVersion >>> 8);
        out[1] = (byte) clientVersion;
        byte[] message = new byte[PREMASTER_LENGTH];
        int good = decryptInto(key, encrypted, message, random);
        // good is all ones or all zeros: take bytes 2..47 of the message or of the random fallback
        for (int i = 0; i < fallback.length; i++) {
            out[2 + i] = (byte) ((message[2 + i] & good) | (fallback[i] & ~good));
        }
        java.util.Arrays.fill(message, (byte) 0);
        return out;
    }

    /** Writes a 48-byte message into {@code message}; returns -1 if it is valid, 0 if not. */
    private static int decryptInto(PrivateKey key, byte[] encrypted, byte[] message, SecureRandom random) {
        int k = key instanceof RSAKey rsa ? (rsa.getModulus().bitLength() + 7) / 8 : encrypted.length;
        if (encrypted.length != k || k < PREMASTER_LENGTH + 11) {
            return 0; // public: the length is on the wire
        }
        byte[] em;
        try {
            Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
            raw.init(Cipher.DECRYPT_MODE, key, random);
            em = raw.doFinal(encrypted);
        } catch (GeneralSecurityException e) {
            return decryptWithProviderPadding(key, encrypted, message, random);
        }
        if (em.length != k) {
            return 0;
        }
        return checkPadding(em, message);
    }

    /** EM = 0x00 || 0x02 || PS (non-zero, k-51 bytes) || 0x00 || M (48 bytes), checked without branches. */
    static int checkPadding(byte[] em, byte[] message) {
        int k = em.length;
        int bad = (em[0] & 0xFF) | ((em[1] & 0xFF) ^ 2) | (em[k - PREMASTER_LENGTH - 1] & 0xFF);
        for (int i = 2; i < k - PREMASTER_LENGTH - 1; i++) {
            int b = em[i] & 0xFF;
            bad |= ((b - 1) >> 31) & 1; // 1 when b == 0
        }
        System.arraycopy(em, k - PREMASTER_LENGTH, message, 0, PREMASTER_LENGTH);
        java.util.Arrays.fill(em, (byte) 0);
        // bad == 0 -> -1 (valid); otherwise 0
        return ((bad | -bad) >> 31) ^ -1;
    }

    private static int decryptWithProviderPadding(PrivateKey key, byte[] encrypted, byte[] message,
            SecureRandom random) {
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.DECRYPT_MODE, key, random);
            byte[] m = rsa.doFinal(encrypted);
            int ok = m.length == PREMASTER_LENGTH ? -1 : 0;
            System.arraycopy(m, 0, message, 0, Math.min(m.length, PREMASTER_LENGTH));
            return ok;
        } catch (GeneralSecurityException e) {
            return 0;
        }
    }
}
