package dev.xtls.keys;

import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.Secret;
import dev.xtls.crypto.TlsCrypto;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * HKDF-Expand-Label and Derive-Secret (RFC 8446 §7.1). Labels are given without the "tls13 " prefix, as the RFC
 * writes them ("c hs traffic", "key", ...). Derive-Secret takes the transcript hash, not the messages.
 */
public final class HkdfExpandLabel {
    private static final byte[] PREFIX = "tls13 ".getBytes(StandardCharsets.US_ASCII);
    /** RFC 8446 §7.1 HkdfLabel: opaque label<7..255>, so at most 255 - 6 bytes after the prefix. */
    static final int MAX_LABEL_LENGTH = 255 - PREFIX.length;
    /** RFC 8446 §7.1 HkdfLabel: opaque context<0..255>. */
    static final int MAX_CONTEXT_LENGTH = 255;

    private HkdfExpandLabel() {
    }

    /** HKDF-Expand-Label(Secret, Label, Context, Length) = HKDF-Expand(Secret, HkdfLabel, Length). */
    public static byte[] expand(TlsCrypto crypto, HashAlgorithm hash, byte[] secret, String label, byte[] context,
            int length) {
        return Hkdf.expand(crypto, hash, secret, hkdfLabel(label, context, length), length);
    }

    /** {@link #expand(TlsCrypto, HashAlgorithm, byte[], String, byte[], int)} from and to a {@link Secret}. */
    public static Secret expand(TlsCrypto crypto, HashAlgorithm hash, Secret secret, String label, byte[] context,
            int length) {
        byte[] prk = secret.reveal();
        try {
            return Secret.wrap(expand(crypto, hash, prk, label, context, length));
        } finally {
            Arrays.fill(prk, (byte) 0);
        }
    }

    /**
     * Derive-Secret(Secret, Label, Messages) = HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages),
     * Hash.length); {@code transcriptHash} is Transcript-Hash(Messages).
     */
    public static Secret deriveSecret(TlsCrypto crypto, HashAlgorithm hash, Secret secret, String label,
            byte[] transcriptHash) {
        if (transcriptHash.length != hash.outputLength()) {
            throw new IllegalArgumentException("a " + hash + " transcript hash is " + hash.outputLength()
                    + " bytes, got " + transcriptHash.length);
        }
        return expand(crypto, hash, secret, label, transcriptHash, hash.outputLength());
    }

    /** The HkdfLabel struct: uint16 length, opaque label<7..255> = "tls13 " + Label, opaque context<0..255>. */
    static byte[] hkdfLabel(String label, byte[] context, int length) {
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        if (labelBytes.length == 0 || labelBytes.length > MAX_LABEL_LENGTH
                || !StandardCharsets.US_ASCII.newEncoder().canEncode(label)) {
            throw new IllegalArgumentException("an HKDF-Expand-Label label is ASCII of 1 to " + MAX_LABEL_LENGTH
                    + " bytes: \"" + label + "\"");
        }
        if (context.length > MAX_CONTEXT_LENGTH) {
            throw new IllegalArgumentException("an HKDF-Expand-Label context is at most " + MAX_CONTEXT_LENGTH
                    + " bytes, got " + context.length);
        }
        if (length < 0 || length > 0xFFFF) {
            throw new IllegalArgumentException("HKDF-Expand-Label length out of uint16 range: " + length);
        }
        byte[] info = new byte[2 + 1 + PREFIX.length + labelBytes.length + 1 + context.length];
        int at = 0;
        info[at++] = (byte) (length >>> 8);
        info[at++] = (byte) length;
        info[at++] = (byte) (PREFIX.length + labelBytes.length);
        System.arraycopy(PREFIX, 0, info, at, PREFIX.length);
        at += PREFIX.length;
        System.arraycopy(labelBytes, 0, info, at, labelBytes.length);
        at += labelBytes.length;
        info[at++] = (byte) context.length;
        System.arraycopy(context, 0, info, at, context.length);
        return info;
    }
}
