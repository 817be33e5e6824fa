package dev.xtls.message;

import dev.xtls.wire.Bytes;

/**
 * A HelloRetryRequest is a {@link ServerHello} whose random is this fixed value (RFC 8446 §4.1.3), "the SHA-256
 * of "HelloRetryRequest"". It asks the client for a second ClientHello, e.g. with a key share for another group.
 */
public final class HelloRetryRequest {
    /** SHA-256("HelloRetryRequest") (RFC 8446 §4.1.3). */
    public static final Bytes RANDOM = Bytes.fromHex(
            "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    private HelloRetryRequest() {
    }

    public static boolean isHelloRetryRequest(ServerHello hello) {
        return RANDOM.equals(hello.random());
    }
}
