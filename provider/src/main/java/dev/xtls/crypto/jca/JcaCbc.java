package dev.xtls.crypto.jca;

import dev.xtls.crypto.BlockCipherCbc;
import dev.xtls.crypto.BulkCipher;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.TlsException;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-CBC without padding over one reused {@link Cipher} (SunJCE, AES-NI intrinsics), re-initialised with the
 * caller's IV for each record. The JCA's array methods are copy-safe, so in-place works. Not thread-safe.
 */
final class JcaCbc implements BlockCipherCbc {
    private static final String TRANSFORMATION = "AES/CBC/NoPadding";

    private final BulkCipher cipher;
    private final SecretKeySpec key;
    private final Cipher jca;

    JcaCbc(BulkCipher cipher, byte[] key) {
        if (!cipher.isCbc()) {
            throw new IllegalArgumentException(cipher + " is not a CBC cipher");
        }
        if (key.length != cipher.keyLength()) {
            throw new IllegalArgumentException(cipher + " needs a " + cipher.keyLength() + "-byte key, got "
                    + key.length);
        }
        this.cipher = cipher;
        this.key = new SecretKeySpec(key, "AES");
        try {
            this.jca = Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no " + TRANSFORMATION, e);
        }
    }

    @Override
    public void encrypt(byte[] iv, byte[] in, int inOff, int len, byte[] out, int outOff) {
        run(Cipher.ENCRYPT_MODE, iv, in, inOff, len, out, outOff);
    }

    @Override
    public void decrypt(byte[] iv, byte[] in, int inOff, int len, byte[] out, int outOff) {
        run(Cipher.DECRYPT_MODE, iv, in, inOff, len, out, outOff);
    }

    @Override
    public BulkCipher cipher() {
        return cipher;
    }

    private void run(int mode, byte[] iv, byte[] in, int inOff, int len, byte[] out, int outOff) {
        if (iv.length != cipher.blockLength() || len % cipher.blockLength() != 0) {
            throw new IllegalArgumentException(cipher + " needs a " + cipher.blockLength()
                    + "-byte IV and whole blocks, got IV " + iv.length + " and " + len + " bytes");
        }
        try {
            // The JCA forces one parameter object per record; nothing else is allocated here.
            jca.init(mode, key, new IvParameterSpec(iv));
            int n = jca.doFinal(in, inOff, len, out, outOff);
            if (n != len) {
                throw new IllegalStateException(TRANSFORMATION + " returned " + n + " bytes for " + len);
            }
        } catch (GeneralSecurityException e) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR, cipher + " failed: " + e.getMessage(), e);
        }
    }
}
