package dev.xtls.message.ext;

import dev.xtls.message.Extension;
import dev.xtls.message.Vectors;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.TlsException;
import dev.xtls.wire.TlsReader;
import java.util.Optional;

/**
 * max_fragment_length (RFC 6066 §4): {@code enum { 2^9(1), 2^10(2), 2^11(3), 2^12(4), (255) } MaxFragmentLength;}
 * the largest plaintext a record may carry, in both directions.
 */
public record MaxFragmentLength(int code) {
    /** SunJSSE's room for header, IV, MAC and padding when it derives a code from a packet size. */
    private static final int PACKET_OVERHEAD = 325;

    public MaxFragmentLength {
        if (code < 1 || code > 4) {
            throw new IllegalArgumentException("max_fragment_length code " + code + " is not 1..4");
        }
    }

    /** RFC 6066 §4: a value outside 1..4 is illegal_parameter. */
    public static MaxFragmentLength decode(Bytes data) {
        TlsReader r = TlsReader.of(data.toByteArray());
        int code = Vectors.u8(r, "max_fragment_length");
        r.expectEnd("max_fragment_length");
        if (code < 1 || code > 4) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "max_fragment_length value " + code
                    + " is not one of 1..4 (2^9..2^12 bytes, RFC 6066 §4)");
        }
        return new MaxFragmentLength(code);
    }

    /**
     * The code SunJSSE asks for with {@code SSLParameters.setMaximumPacketSize}: the largest length below the
     * packet size less its overhead; empty when the packet size is 0 (unset) or leaves room for 2^13 or more.
     */
    public static Optional<MaxFragmentLength> forPacketSize(int packetSize) {
        int fragment = packetSize - PACKET_OVERHEAD;
        if (packetSize <= 0 || fragment >= 1 << 13) {
            return Optional.empty();
        }
        int code = fragment < 1 << 10 ? 1 : fragment < 1 << 11 ? 2 : fragment < 1 << 12 ? 3 : 4;
        return Optional.of(new MaxFragmentLength(code));
    }

    /** 2^(8 + code) bytes. */
    public int length() {
        return 1 << (8 + code);
    }

    public Extension toExtension() {
        return new Extension(ExtensionType.MAX_FRAGMENT_LENGTH, Bytes.wrap(new byte[] {(byte) code}));
    }
}
