package dev.xtls.record;

import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.Hmac;

/**
 * An {@link Hmac} that forwards to a real one and counts the hash compression-function calls an RFC 2104 HMAC
 * over a Merkle-Damgard hash makes: the inner hash over ipad block + message + padding + length, then two outer
 * blocks. Lets a test see whether the work done depends on secret padding.
 */
final class CompressionCountingHmac implements Hmac {
    private final Hmac real;
    private final int block;
    private final int lengthField;
    private long messageBytes;
    private long compressions;

    CompressionCountingHmac(Hmac real) {
        this.real = real;
        this.block = real.algorithm().blockLength();
        this.lengthField = block / 8;
    }

    long compressions() {
        return compressions;
    }

    void reset() {
        compressions = 0;
    }

    @Override
    public void update(byte[] b, int off, int len) {
        messageBytes += len;
        real.update(b, off, len);
    }

    @Override
    public byte[] doFinal() {
        count();
        return real.doFinal();
    }

    @Override
    public void doFinal(byte[] out, int off) {
        count();
        real.doFinal(out, off);
    }

    private void count() {
        long inner = (block + messageBytes + lengthField) / block + 1;
        long outer = (block + real.macLength() + lengthField) / block + 1;
        compressions += inner + outer;
        messageBytes = 0;
    }

    @Override
    public int macLength() {
        return real.macLength();
    }

    @Override
    public HashAlgorithm algorithm() {
        return real.algorithm();
    }
}
