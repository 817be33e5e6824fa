package dev.xtls.record;

import dev.xtls.wire.ContentType;
import java.nio.ByteBuffer;

/** TLS_NULL_WITH_NULL_NULL: the initial state of each direction (RFC 5246 §6.1). */
public final class PlaintextProtection implements RecordProtection {
    public static final PlaintextProtection INSTANCE = new PlaintextProtection();

    private PlaintextProtection() {
    }

    @Override
    public int maxExpansion() {
        return 0;
    }

    @Override
    public int protectedLength(int plaintextLength) {
        return plaintextLength;
    }

    @Override
    public int maxPlaintextLength(int fragmentLength) {
        return fragmentLength;
    }

    @Override
    public int seal(long seq, ContentType type, int version, ByteBuffer plaintext, ByteBuffer out) {
        int n = plaintext.remaining();
        out.put(plaintext);
        return n;
    }

    @Override
    public int open(long seq, ContentType type, int version, ByteBuffer fragment, ByteBuffer out) {
        int n = fragment.remaining();
        out.put(fragment);
        return n;
    }

    /** No keys to wipe. */
    @Override
    public void destroy() {
    }

    @Override
    public boolean isDestroyed() {
        return false;
    }
}
