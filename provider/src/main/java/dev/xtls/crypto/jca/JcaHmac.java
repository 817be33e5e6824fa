package dev.xtls.crypto.jca;

import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.Hmac;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC over a JCA Mac (SunJCE HmacSHA*) taken from its context's {@link MacPool}; reusable after doFinal until
 * {@link #close()} re-keys the Mac and gives it back. Not thread-safe.
 */
final class JcaHmac implements Hmac {
    private final HashAlgorithm hash;
    private final MacPool pool;
    private Mac mac;

    JcaHmac(HashAlgorithm hash, byte[] key, MacPool pool) {
        this.hash = hash;
        this.pool = pool;
        String name = macName(hash);
        // RFC 2104 §2 pads the key with zeros to the block length, so an empty key equals one zero byte;
        // SecretKeySpec refuses empty keys.
        byte[] k = key.length == 0 ? new byte[1] : key;
        Mac m = pool.take();
        try {
            m.init(new SecretKeySpec(k, name));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no usable " + name, e);
        }
        mac = m;
    }

    static String macName(HashAlgorithm h) {
        return switch (h) {
            case SHA1 -> "HmacSHA1";
            case SHA256 -> "HmacSHA256";
            case SHA384 -> "HmacSHA384";
            case SHA512 -> "HmacSHA512";
        };
    }

    @Override
    public void update(byte[] b, int off, int len) {
        mac.update(b, off, len);
    }

    @Override
    public byte[] doFinal() {
        return mac.doFinal();
    }

    @Override
    public void doFinal(byte[] out, int off) {
        try {
            mac.doFinal(out, off);
        } catch (javax.crypto.ShortBufferException e) {
            throw new IllegalArgumentException("no room for a " + mac.getMacLength() + "-byte MAC at " + off, e);
        }
    }

    @Override
    public int macLength() {
        return mac.getMacLength();
    }

    @Override
    public HashAlgorithm algorithm() {
        return hash;
    }

    /** Gives the Mac back, keyed with zeros; this object is unusable afterwards (a null Mac, never a shared one). */
    @Override
    public void close() {
        Mac m = mac;
        mac = null;
        if (m != null) {
            pool.give(m);
        }
    }
}
