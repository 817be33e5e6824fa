package dev.xtls.crypto.jca;

import dev.xtls.crypto.Aead;
import dev.xtls.crypto.BulkCipher;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.TlsException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM (RFC 5288) or ChaCha20-Poly1305 (RFC 7905) over one reused {@link Cipher}, re-initialised with the
 * caller's 12-byte nonce for each record. One instance per direction: not thread-safe. The JCA refuses to
 * encrypt with the nonce of the previous call, which surfaces here as internal_error.
 */
final class JcaAead implements Aead {
    static final int NONCE_LENGTH = 12;

    private final BulkCipher cipher;
    private final SecretKeySpec key;
    private final String transformation;
    private Cipher jca;

    JcaAead(BulkCipher cipher, byte[] key) {
        if (!cipher.isAead()) {
            throw new IllegalArgumentException(cipher + " is not an AEAD cipher");
        }
        if (key.length != cipher.keyLength()) {
            throw new IllegalArgumentException(cipher + " needs a " + cipher.keyLength() + "-byte key, got "
                    + key.length);
        }
        this.cipher = cipher;
        this.transformation = switch (cipher) {
            case AES_128_GCM, AES_256_GCM -> "AES/GCM/NoPadding";
            case CHACHA20_POLY1305 -> "ChaCha20-Poly1305";
            case AES_128_CBC, AES_256_CBC -> throw new IllegalArgumentException(cipher + " is not an AEAD cipher");
        };
        this.key = new SecretKeySpec(key, cipher == BulkCipher.CHACHA20_POLY1305 ? "ChaCha20" : "AES");
        this.jca = newCipher();
    }

    private Cipher newCipher() {
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no " + transformation, e);
        }
    }

    @Override
    public int seal(byte[] nonce, byte[] aad, ByteBuffer plaintext, ByteBuffer out) {
        init(Cipher.ENCRYPT_MODE, nonce, aad);
        try {
            return jca.doFinal(plaintext, out);
        } catch (GeneralSecurityException e) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR, cipher + " encryption failed: " + e.getMessage(),
                    e);
        }
    }

    @Override
    public int seal(byte[] nonce, byte[] aad, ByteBuffer plaintext, ByteBuffer trailer, ByteBuffer out) {
        init(Cipher.ENCRYPT_MODE, nonce, aad);
        try {
            int n = jca.update(plaintext, out);
            return n + jca.doFinal(trailer, out);
        } catch (GeneralSecurityException e) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR, cipher + " encryption failed: " + e.getMessage(),
                    e);
        }
    }

    @Override
    public int open(byte[] nonce, byte[] aad, ByteBuffer ciphertextAndTag, ByteBuffer out) {
        if (ciphertextAndTag.remaining() < cipher.tagLength()) {
            throw new TlsException(AlertDescription.BAD_RECORD_MAC, "record authentication failed");
        }
        init(Cipher.DECRYPT_MODE, nonce, aad);
        try {
            return jca.doFinal(ciphertextAndTag, out);
        } catch (AEADBadTagException e) {
            throw new TlsException(AlertDescription.BAD_RECORD_MAC, "record authentication failed", e);
        } catch (GeneralSecurityException e) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR, cipher + " decryption failed: " + e.getMessage(),
                    e);
        }
    }

    @Override
    public BulkCipher cipher() {
        return cipher;
    }

    private void init(int mode, byte[] nonce, byte[] aad) {
        if (nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException(cipher + " nonce must be 12 bytes, got " + nonce.length);
        }
        // The JCA forces one parameter object per record; nothing else is allocated here.
        AlgorithmParameterSpec params = cipher == BulkCipher.CHACHA20_POLY1305
                ? new IvParameterSpec(nonce)
                : new GCMParameterSpec(cipher.tagLength() * 8, nonce);
        try {
            try {
                jca.init(mode, key, params);
            } catch (InvalidKeyException e) {
                if (mode != Cipher.DECRYPT_MODE) {
                    throw e;
                }
                // JDK 17's ChaCha20-Poly1305 refuses a repeated nonce even to decrypt; a fresh Cipher has no memory.
                jca = newCipher();
                jca.init(mode, key, params);
            }
        } catch (GeneralSecurityException e) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR, cipher + " refused its key or nonce: "
                    + e.getMessage(), e);
        }
        jca.updateAAD(aad);
    }
}
