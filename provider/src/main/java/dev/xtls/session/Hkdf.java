package dev.xtls.session;

import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.Hmac;
import dev.xtls.crypto.TlsCrypto;
import java.util.Arrays;

/** HKDF-SHA256 (RFC 5869) over the crypto seam's HMAC; here only to derive ticket AEAD keys from key files. */
final class Hkdf {
    private static final HashAlgorithm HASH = HashAlgorithm.SHA256;

    private Hkdf() {
    }

    /** RFC 5869 §2.2: PRK = HMAC-Hash(salt, IKM); an empty salt means HashLen zero bytes. */
    static byte[] extract(TlsCrypto crypto, byte[] salt, byte[] ikm) {
        byte[] key = salt.length == 0 ? new byte[HASH.outputLength()] : salt;
        Hmac hmac = crypto.hmac(HASH, key);
        hmac.update(ikm);
        return hmac.doFinal();
    }

    /** RFC 5869 §2.3: T(i) = HMAC-Hash(PRK, T(i-1) | info | i), OKM = the first {@code length} bytes of T. */
    static byte[] expand(TlsCrypto crypto, byte[] prk, byte[] info, int length) {
        if (length < 0 || length > 255 * HASH.outputLength()) {
            throw new IllegalArgumentException("HKDF-Expand cannot produce " + length + " bytes");
        }
        Hmac hmac = crypto.hmac(HASH, prk);
        byte[] okm = new byte[length];
        byte[] t = new byte[0];
        for (int i = 1, done = 0; done < length; i++) {
            hmac.update(t);
            hmac.update(info);
            hmac.update(new byte[] {(byte) i});
            Arrays.fill(t, (byte) 0);
            t = hmac.doFinal();
            int n = Math.min(t.length, length - done);
            System.arraycopy(t, 0, okm, done, n);
            done += n;
        }
        Arrays.fill(t, (byte) 0);
        return okm;
    }
}
