package dev.xtls.crypto.jca;

import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.TranscriptHash;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A running handshake hash over a JCA MessageDigest; {@link #current()} hashes a clone. Not thread-safe. */
final class JcaTranscriptHash implements TranscriptHash {
    private final HashAlgorithm algorithm;
    private final MessageDigest digest;

    JcaTranscriptHash(HashAlgorithm algorithm) {
        this.algorithm = algorithm;
        this.digest = newDigest(algorithm);
        if (!(digest instanceof Cloneable)) {
            // current() needs a snapshot; every JDK digest is cloneable, so this is a misconfigured provider list.
            throw new IllegalStateException("MessageDigest " + digestName(algorithm) + " from "
                    + digest.getProvider().getName() + " cannot be cloned");
        }
    }

    static String digestName(HashAlgorithm h) {
        return switch (h) {
            case SHA1 -> "SHA-1";
            case SHA256 -> "SHA-256";
            case SHA384 -> "SHA-384";
            case SHA512 -> "SHA-512";
        };
    }

    static MessageDigest newDigest(HashAlgorithm h) {
        try {
            return MessageDigest.getInstance(digestName(h));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK offers no " + digestName(h), e);
        }
    }

    @Override
    public void update(byte[] b, int off, int len) {
        digest.update(b, off, len);
    }

    @Override
    public byte[] current() {
        try {
            return ((MessageDigest) digest.clone()).digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("MessageDigest " + digestName(algorithm) + " cannot be cloned", e);
        }
    }

    @Override
    public HashAlgorithm algorithm() {
        return algorithm;
    }
}
