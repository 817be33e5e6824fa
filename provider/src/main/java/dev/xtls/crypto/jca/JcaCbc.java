package dev.xtls.crypto.jca;

import dev.xtls.crypto.BlockCipherCbc;
import dev.xtls.crypto.BulkCipher;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.TlsException;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;

/**
 * AES-CBC without padding over one reused {@link Cipher} (SunJCE, AES-NI intrinsics), re-initialised with the
 * caller's IV for each record. The JCA's array methods are copy-safe, so in-place works. Not thread-safe. It is its
 * own RAW {@link SecretKey}: no key wrapper per connection, and {@link #destroy} wipes the key.
 */
final class JcaCbc extends RecordKey implements BlockCipherCbc {
    private static final String TRANSFORMATION = "AES/CBC/NoPadding";

    private final transient Cipher jca;

    JcaCbc(BulkCipher cipher, byte[] key) {
        super(requireCbc(cipher), key);
        try {
            this.jca = Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no " + TRANSFORMATION, e);
        }
    }

    private static BulkCipher requireCbc(BulkCipher cipher) {
        if (!cipher.isCbc()) {
            throw new IllegalArgumentException(cipher + " is not a CBC cipher");
        }
        return cipher;
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

    /** Wipes the key, and the Cipher's key schedule by keying it with zeros; records fail afterwards. */
    @Override
    public void destroy() {
        super.destroy();
        try {
            jca.init(Cipher.ENCRYPT_MODE, this, new IvParameterSpec(new byte[cipher.blockLength()]));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(TRANSFORMATION + " refused an all-zero key", e);
        }
    }

    private void run(int mode, byte[] iv, byte[] in, int inOff, int len, byte[] out, int outOff) {
        if (iv.length != cipher.blockLength() || len % cipher.blockLength() != 0) {
            throw new IllegalArgumentException(cipher + " needs a " + cipher.blockLength()
                    + "-byte IV and whole blocks, got IV " + iv.length + " and " + len + " bytes");
        }
        requireNotDestroyed();
        try {
            // The JCA forces one parameter object per record; nothing else is allocated here.
            jca.init(mode, this, new IvParameterSpec(iv));
            int n = jca.doFinal(in, inOff, len, out, outOff);
            if (n != len) {
                throw new IllegalStateException(TRANSFORMATION + " returned " + n + " bytes for " + len);
            }
        } catch (GeneralSecurityException e) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR, cipher + " failed: " + e.getMessage(), e);
        }
    }
}
