package dev.xtls.message;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.DecodeException;
import dev.xtls.wire.TlsReader;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Reads RFC 5246 §4.3 vectors with their bounds, naming the field in every {@link DecodeException}, so a
 * decoder states each limit once, next to the RFC struct it quotes.
 */
public final class Vectors {
    private Vectors() {
    }

    public static int u8(TlsReader r, String field) {
        try {
            return r.u8();
        } catch (DecodeException e) {
            throw named(field, e);
        }
    }

    public static int u16(TlsReader r, String field) {
        try {
            return r.u16();
        } catch (DecodeException e) {
            throw named(field, e);
        }
    }

    public static long u32(TlsReader r, String field) {
        try {
            return r.u32();
        } catch (DecodeException e) {
            throw named(field, e);
        }
    }

    /** A fixed-length array such as {@code opaque random[32]}. */
    public static Bytes fixed(TlsReader r, int n, String field) {
        if (r.remaining() < n) {
            throw new DecodeException(field + ": needs " + n + " bytes, " + r.remaining() + " left");
        }
        return Bytes.wrap(r.bytes(n));
    }

    /** {@code opaque field<min..max>} with a one-byte length. */
    public static Bytes opaque8(TlsReader r, int min, int max, String field) {
        return Bytes.wrap(rest(sub8(r, min, max, field)));
    }

    /** {@code opaque field<min..2^16-1>}. */
    public static Bytes opaque16(TlsReader r, int min, String field) {
        return Bytes.wrap(rest(sub16(r, min, field)));
    }

    /** {@code opaque field<min..2^24-1>}. */
    public static Bytes opaque24(TlsReader r, int min, String field) {
        return Bytes.wrap(rest(sub24(r, min, field)));
    }

    public static TlsReader sub8(TlsReader r, int min, int max, String field) {
        TlsReader s;
        try {
            s = r.sub8();
        } catch (DecodeException e) {
            throw named(field, e);
        }
        if (s.remaining() > max) {
            throw new DecodeException(field + ": length " + s.remaining() + " exceeds the maximum " + max);
        }
        return atLeast(s, min, field);
    }

    public static TlsReader sub16(TlsReader r, int min, String field) {
        TlsReader s;
        try {
            s = r.sub16();
        } catch (DecodeException e) {
            throw named(field, e);
        }
        return atLeast(s, min, field);
    }

    public static TlsReader sub24(TlsReader r, int min, String field) {
        TlsReader s;
        try {
            s = r.sub24();
        } catch (DecodeException e) {
            throw named(field, e);
        }
        return atLeast(s, min, field);
    }

    /**
     * A vector of 16-bit codes, {@code T field<min..2^16-2>} (lengths in bytes): the length must be even and
     * at least {@code minBytes}.
     */
    public static <T> List<T> u16List(TlsReader r, int minBytes, String field, IntFunction<T> make) {
        TlsReader s = sub16(r, minBytes, field);
        if (s.remaining() % 2 != 0) {
            throw new DecodeException(field + ": odd length " + s.remaining() + " for a list of 16-bit values");
        }
        List<T> out = new ArrayList<>(s.remaining() / 2);
        while (s.hasRemaining()) {
            out.add(make.apply(s.u16()));
        }
        return out;
    }

    private static TlsReader atLeast(TlsReader s, int min, String field) {
        if (s.remaining() < min) {
            throw new DecodeException(field + ": length " + s.remaining() + " is below the minimum " + min);
        }
        return s;
    }

    private static byte[] rest(TlsReader s) {
        return s.bytes(s.remaining());
    }

    private static DecodeException named(String field, DecodeException e) {
        return new DecodeException(field + ": " + e.getMessage());
    }
}
