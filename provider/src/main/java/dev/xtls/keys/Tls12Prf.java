package dev.xtls.keys;

import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.Hmac;
import dev.xtls.crypto.TlsCrypto;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The TLS 1.2 PRF: P_hash over HMAC with the suite's hash (RFC 5246 §5). */
public final class Tls12Prf {
    private Tls12Prf() {
    }

    /** PRF(secret, label, seed) = P_hash(secret, label + seed), truncated to {@code length} bytes. */
    public static byte[] prf(TlsCrypto crypto, HashAlgorithm hash, byte[] secret, String label, byte[] seed,
            int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative PRF length " + length);
        }
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        byte[] labelAndSeed = new byte[labelBytes.length + seed.length];
        System.arraycopy(labelBytes, 0, labelAndSeed, 0, labelBytes.length);
        System.arraycopy(seed, 0, labelAndSeed, labelBytes.length, seed.length);
        try (Hmac hmac = crypto.hmac(hash, secret)) {
            return pHash(hmac, labelAndSeed, length);
        }
    }

    /** P_hash: A(0) = seed, A(i) = HMAC(secret, A(i-1)); output HMAC(secret, A(i) + seed) for i = 1, 2, ... */
    private static byte[] pHash(Hmac hmac, byte[] seed, int length) {
        byte[] out = new byte[length];
        int macLength = hmac.macLength();
        byte[] a = seed;
        byte[] block = new byte[macLength];
        for (int written = 0; written < length; written += macLength) {
            hmac.update(a);
            a = hmac.doFinal();
            hmac.update(a);
            hmac.update(seed);
            hmac.doFinal(block, 0);
            System.arraycopy(block, 0, out, written, Math.min(macLength, length - written));
        }
        Arrays.fill(block, (byte) 0);
        Arrays.fill(a, (byte) 0);
        return out;
    }
}
