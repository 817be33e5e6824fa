package dev.xtls.crypto.jca;

import dev.xtls.crypto.Aead;
import dev.xtls.crypto.BulkCipher;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.TlsException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM (RFC 5288) or ChaCha20-Poly1305 (RFC 7905) under one key. It holds the key only: each record takes a
 * {@link Cipher} from the context's {@link CipherPool}, initialises it with the key and the caller's 12-byte
 * nonce, and gives it back, so an idle connection keeps no Cipher. One instance per direction: not
 * thread-safe. Sealing twice in a row with one nonce is refused with internal_error, as the JCA refuses it on
 * one Cipher; a pooled Cipher's memory of another instance's record does not count.
 */
final class JcaAead implements Aead {
    static final int NONCE_LENGTH = 12;

    private final BulkCipher cipher;
    private final SecretKeySpec key;
    private final CipherPool pool;
    private final int home; // this key's slot in the pool
    private byte[] lastSealNonce; // null until the first seal

    /** {@code pool}: Ciphers of this cipher's transformation ({@link #transformation}). */
    JcaAead(BulkCipher cipher, byte[] key, CipherPool pool) {
        if (!cipher.isAead()) {
            throw new IllegalArgumentException(cipher + " is not an AEAD cipher");
        }
        if (key.length != cipher.keyLength()) {
            throw new IllegalArgumentException(cipher + " needs a " + cipher.keyLength() + "-byte key, got "
                    + key.length);
        }
        this.cipher = cipher;
        this.key = new SecretKeySpec(key, cipher == BulkCipher.CHACHA20_POLY1305 ? "ChaCha20" : "AES");
        this.pool = pool;
        this.home = pool.newHome();
    }

    /** The JCA transformation of an AEAD cipher. */
    static String transformation(BulkCipher cipher) {
        return switch (cipher) {
            case AES_128_GCM, AES_256_GCM -> "AES/GCM/NoPadding";
            case CHACHA20_POLY1305 -> "ChaCha20-Poly1305";
            case AES_128_CBC, AES_256_CBC -> throw new IllegalArgumentException(cipher + " is not an AEAD cipher");
        };
    }

    @Override
    public int seal(byte[] nonce, byte[] aad, ByteBuffer plaintext, ByteBuffer out) {
        Cipher jca = init(Cipher.ENCRYPT_MODE, nonce, aad);
        try {
            return jca.doFinal(plaintext, out);
        } catch (GeneralSecurityException e) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR, cipher + " encryption failed: " + e.getMessage(),
                    e);
        } finally {
            pool.give(jca, home);
        }
    }

    @Override
    public int seal(byte[] nonce, byte[] aad, ByteBuffer plaintext, ByteBuffer trailer, ByteBuffer out) {
        Cipher jca = init(Cipher.ENCRYPT_MODE, nonce, aad);
        try {
            int n = jca.update(plaintext, out);
            return n + jca.doFinal(trailer, out);
        } catch (GeneralSecurityException e) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR, cipher + " encryption failed: " + e.getMessage(),
                    e);
        } finally {
            pool.give(jca, home);
        }
    }

    @Override
    public int open(byte[] nonce, byte[] aad, ByteBuffer ciphertextAndTag, ByteBuffer out) {
        if (ciphertextAndTag.remaining() < cipher.tagLength()) {
            throw new TlsException(AlertDescription.BAD_RECORD_MAC, "record authentication failed");
        }
        Cipher jca = init(Cipher.DECRYPT_MODE, nonce, aad);
        try {
            return jca.doFinal(ciphertextAndTag, out);
        } catch (AEADBadTagException e) {
            throw new TlsException(AlertDescription.BAD_RECORD_MAC, "record authentication failed", e);
        } catch (GeneralSecurityException e) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR, cipher + " decryption failed: " + e.getMessage(),
                    e);
        } finally {
            pool.give(jca, home);
        }
    }

    @Override
    public BulkCipher cipher() {
        return cipher;
    }

    // the JCA's own check (GCM: no second encryption under one key and IV), kept per instance as it was per Cipher
    private void refuseRepeatedNonce(byte[] nonce) {
        if (lastSealNonce == null) {
            lastSealNonce = new byte[NONCE_LENGTH];
        } else if (Arrays.equals(lastSealNonce, nonce)) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR, cipher + " refused its key or nonce: the nonce"
                    + " of the previous record was given again");
        }
        System.arraycopy(nonce, 0, lastSealNonce, 0, NONCE_LENGTH);
    }

    /** A pooled Cipher ready for one record; the caller gives it back to the pool. */
    private Cipher init(int mode, byte[] nonce, byte[] aad) {
        if (nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException(cipher + " nonce must be 12 bytes, got " + nonce.length);
        }
        // The JCA forces one parameter object per record; nothing else is allocated here.
        AlgorithmParameterSpec params = cipher == BulkCipher.CHACHA20_POLY1305
                ? new IvParameterSpec(nonce)
                : new GCMParameterSpec(cipher.tagLength() * 8, nonce);
        if (mode == Cipher.ENCRYPT_MODE) {
            refuseRepeatedNonce(nonce);
        }
        Cipher jca = pool.take(home);
        try {
            try {
                jca.init(mode, key, params);
            } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
                // The pooled Cipher last saw this key and nonce from another instance (the peer's, in one JVM), or
                // JDK 17's ChaCha20-Poly1305 refuses a repeated nonce even to decrypt: a fresh Cipher has no memory.
                jca = pool.newCipher();
                jca.init(mode, key, params);
            }
        } catch (GeneralSecurityException e) {
            pool.give(jca, home);
            throw new TlsException(AlertDescription.INTERNAL_ERROR, cipher + " refused its key or nonce: "
                    + e.getMessage(), e);
        }
        jca.updateAAD(aad);
        return jca;
    }
}
