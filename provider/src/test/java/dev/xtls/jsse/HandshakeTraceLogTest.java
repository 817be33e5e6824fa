package dev.xtls.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xtls.engine.HandshakeFigure;
import dev.xtls.engine.HandshakeTrace;
import dev.xtls.wire.ProtocolVersion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** -Ddev.xtls.trace=true: each ended handshake's figure is printed to the stream (stderr in use). */
class HandshakeTraceLogTest {
    private static final HandshakeTrace FAILED = new HandshakeTrace(1, true, ProtocolVersion.TLS12,
            List.of(new HandshakeTrace.Step(true, "ClientHello", 0)), -1, 0, null, "no cipher suite in common", 0, 0);

    @Test
    void printsTheFigureOfEachEndedHandshakeWhenAskedTo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new HandshakeTraceLog(new PrintStream(out, true, StandardCharsets.UTF_8)).handshakeEnded(FAILED);
        assertEquals(HandshakeFigure.render(FAILED), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void thePropertyIsOffUnlessTrue() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream before = System.err;
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            HandshakeTraceLog.fromProperty(k -> null).handshakeEnded(FAILED);
            HandshakeTraceLog.fromProperty(k -> "false").handshakeEnded(FAILED);
            assertEquals("", out.toString(StandardCharsets.UTF_8));
            HandshakeTraceLog.fromProperty(k -> k.equals(HandshakeTraceLog.PROPERTY) ? "true" : null)
                    .handshakeEnded(FAILED);
            assertEquals(HandshakeFigure.render(FAILED), out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(before);
        }
    }
}
