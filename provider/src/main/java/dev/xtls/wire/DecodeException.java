package dev.xtls.wire;

/** Malformed bytes: a length that overruns its container, trailing bytes, an empty vector that must not be. */
public final class DecodeException extends TlsException {
    public DecodeException(String message) {
        super(AlertDescription.DECODE_ERROR, message);
    }
}
