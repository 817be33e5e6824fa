package dev.xtls.jsse;

import dev.xtls.engine.HandshakeFigure;
import dev.xtls.engine.HandshakeTrace;
import dev.xtls.engine.HandshakeTraceListener;
import java.io.PrintStream;
import java.util.function.Function;

/**
 * Where an SSLContext's handshake traces go when a handshake completes or fails: System.Logger
 * {@value #LOGGER} at DEBUG (so JUL, Log4j and SLF4J users see them), and stderr when {@value #PROPERTY} is true at
 * context init. A trace is drawn only when one of them wants it.
 */
final class HandshakeTraceLog implements HandshakeTraceListener {
    static final String PROPERTY = "dev.xtls.trace";
    static final String LOGGER = "dev.xtls.handshake";
    private static final System.Logger LOG = System.getLogger(LOGGER);

    private final PrintStream stderr; // null: not printed

    HandshakeTraceLog(PrintStream stderr) {
        this.stderr = stderr;
    }

    static HandshakeTraceLog fromProperty(Function<String, String> property) {
        return new HandshakeTraceLog(Boolean.parseBoolean(property.apply(PROPERTY)) ? System.err : null);
    }

    @Override
    public void handshakeEnded(HandshakeTrace trace) {
        boolean debug = LOG.isLoggable(System.Logger.Level.DEBUG);
        if (!debug && stderr == null) {
            return;
        }
        String figure = HandshakeFigure.render(trace);
        if (debug) {
            LOG.log(System.Logger.Level.DEBUG, figure);
        }
        if (stderr != null) {
            stderr.print(figure);
            stderr.flush();
        }
    }
}
