package dev.xtls.crypto;

/** Hash functions used by the PRF, the transcript and signatures. */
public enum HashAlgorithm {
    SHA1(20, 64), SHA256(32, 64), SHA384(48, 128), SHA512(64, 128);

    private final int outputLength;
    private final int blockLength;

    HashAlgorithm(int outputLength, int blockLength) {
        this.outputLength = outputLength;
        this.blockLength = blockLength;
    }

    public int outputLength() {
        return outputLength;
    }

    public int blockLength() {
        return blockLength;
    }
}
