package dev.xtls.it.load;

import java.nio.charset.StandardCharsets;

/** The request/reply every load server speaks: a line "ping N" is answered "pong N". */
final class LineProtocol {
    /** Asks a {@link PooledTlsServer} to renegotiate (TLS 1.2) before it answers. */
    static final String RENEGOTIATE = "renegotiate";

    private LineProtocol() {
    }

    static String request(int n) {
        return "ping " + n;
    }

    /** The reply line, with its newline, as bytes. */
    static byte[] reply(String requestLine) {
        return (expectedReply(requestLine) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The reply line a client must read for {@code requestLine}, without its newline. */
    static String expectedReply(String requestLine) {
        return requestLine.startsWith("ping ") ? "pong " + requestLine.substring(5) : "ok " + requestLine;
    }
}
