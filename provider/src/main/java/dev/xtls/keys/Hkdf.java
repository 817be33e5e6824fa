package dev.xtls.keys;

import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.Hmac;
import dev.xtls.crypto.TlsCrypto;
import java.util.Arrays;

/**
 * HKDF (RFC 5869) over the crypto seam's HMAC: the TLS 1.3 key schedule (RFC 8446 §7.1) and the session ticket
 * key derivation both use it. The caller wipes the returned arrays.
 */
public final class Hkdf {
    private Hkdf() {
    }

    /** RFC 5869 §2.2: PRK = HMAC-Hash(salt, IKM); an empty salt means HashLen zero bytes. */
    public static byte[] extract(TlsCrypto crypto, HashAlgorithm hash, byte[] salt, byte[] ikm) {
        byte[] key = salt.length == 0 ? new byte[hash.outputLength()] : salt;
        try (Hmac hmac = crypto.hmac(hash, key)) {
            hmac.update(ikm);
            return hmac.doFinal();
        }
    }

    /** RFC 5869 §2.3: T(i) = HMAC-Hash(PRK, T(i-1) | info | i), OKM = the first {@code length} bytes of T. */
    public static byte[] expand(TlsCrypto crypto, HashAlgorithm hash, byte[] prk, byte[] info, int length) {
        if (length < 0 || length > 255 * hash.outputLength()) {
            throw new IllegalArgumentException("HKDF-Expand cannot produce " + length + " bytes");
        }
        byte[] okm = new byte[length];
        byte[] t = new byte[0];
        byte[] counter = new byte[1];
        try (Hmac hmac = crypto.hmac(hash, prk)) {
            for (int i = 1, done = 0; done < length; i++) {
                hmac.update(t);
                hmac.update(info);
                counter[0] = (byte) i;
                hmac.update(counter);
                Arrays.fill(t, (byte) 0);
                t = hmac.doFinal();
                int n = Math.min(t.length, length - done);
                System.arraycopy(t, 0, okm, done, n);
                done += n;
            }
        }
        Arrays.fill(t, (byte) 0);
        return okm;
    }
}
