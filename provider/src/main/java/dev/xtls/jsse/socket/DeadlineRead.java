package dev.xtls.jsse.socket;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A blocking transport read bounded by the handshake deadline without SO_TIMEOUT: java.net puts a socket into
 * non-blocking mode for good at its first timed read, after which every read that finds no data costs a failed
 * read, a poll and a second read (SunJSSE sets no SO_TIMEOUT, so its transport stays blocking). Past the deadline
 * the {@link IoDeadlineWatchdog} shuts the transport's input down, which ends the read; the write side stays open
 * for the alerts that say we gave up.
 */
final class DeadlineRead implements IoDeadlineWatchdog.Watched {
    private static final int IDLE = 0;
    private static final int READING = 1;
    private static final int EXPIRED = 2;

    private final Socket transport;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private volatile long deadline; // System.nanoTime() the read in progress must end by
    private boolean watched;        // registered with the watchdog (the driver's read lock serialises reads)

    DeadlineRead(Socket transport) {
        this.transport = transport;
    }

    /** Reads as {@code in.read} does; past {@code deadline}, a {@link HandshakeTimeoutException} of {@code millis}. */
    int read(InputStream in, byte[] b, int off, int len, long deadline, long millis) throws IOException {
        this.deadline = deadline;
        state.set(READING);
        if (!watched) {
            watched = true;
            IoDeadlineWatchdog.watch(this);
        }
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            if (ended()) {
                throw e;
            }
            throw new HandshakeTimeoutException(millis, e);
        }
        if (!ended()) {
            throw new HandshakeTimeoutException(millis, null); // the input was shut down: n is its end of stream
        }
        return n;
    }

    /** True when the read ended before the watchdog expired it. */
    private boolean ended() {
        return state.compareAndSet(READING, IDLE);
    }

    @Override
    public boolean closed() {
        return transport.isClosed();
    }

    @Override
    public void expireIfOverdue(long now) {
        if (now - deadline >= 0 && state.compareAndSet(READING, EXPIRED)) {
            try {
                transport.shutdownInput();
            } catch (IOException ignored) {
                // closed meanwhile: the read ends with that
            }
        }
    }
}
