package dev.xtls.jsse.socket;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * The transport's output with a deadline on each write, which java.net sockets lack: a write still blocked when
 * it passes (the peer does not read) closes the transport, which frees the thread, and fails with a
 * {@link SocketTimeoutException} naming {@value XtlsSocket#WRITE_TIMEOUT_PROPERTY}. The {@link IoDeadlineWatchdog}
 * checks the deadline; a write only marks itself in progress (the first one registers the stream).
 */
final class DeadlineOutputStream extends OutputStream implements IoDeadlineWatchdog.Watched {
    private final Socket transport;
    private final OutputStream out;
    private final long millis;
    private volatile boolean expired;
    private boolean watched;               // registered with the watchdog (the driver's write lock serialises writes)
    private volatile boolean writing;      // a write is in progress, since writeStarted
    private volatile long writeStarted;    // System.nanoTime() when it began

    DeadlineOutputStream(Socket transport, long millis) throws IOException {
        this.transport = transport;
        this.out = transport.getOutputStream();
        this.millis = millis;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        writeStarted = System.nanoTime();
        writing = true;
        if (!watched) {
            watched = true;
            IoDeadlineWatchdog.watch(this);
        }
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            if (!expired) {
                throw e;
            }
            SocketTimeoutException timeout = new SocketTimeoutException("TLS write made no progress within " + millis
                    + " ms (" + XtlsSocket.WRITE_TIMEOUT_PROPERTY + "): the peer is not reading; connection closed");
            timeout.initCause(e);
            throw timeout;
        } finally {
            writing = false;
        }
    }

    /** Called by the watchdog: a write in progress for longer than the deadline closes the transport. */
    @Override
    public void expireIfOverdue(long now) {
        if (writing && now - writeStarted >= TimeUnit.MILLISECONDS.toNanos(millis)) {
            expired = true;
            try {
                transport.close();
            } catch (IOException ignored) {
                // the blocked write reports the close
            }
        }
    }

    @Override
    public boolean closed() {
        return transport.isClosed();
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
