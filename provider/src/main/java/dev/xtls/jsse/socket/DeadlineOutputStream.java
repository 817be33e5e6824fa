package dev.xtls.jsse.socket;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The transport's output with a deadline on each write, which java.net sockets lack: a write still blocked when
 * it passes (the peer does not read) closes the transport, which frees the thread, and fails with a
 * {@link SocketTimeoutException} naming {@value XtlsSocket#WRITE_TIMEOUT_PROPERTY}.
 */
final class DeadlineOutputStream extends OutputStream {
    private final Socket transport;
    private final OutputStream out;
    private final long millis;
    private volatile boolean expired;

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
        ScheduledFuture<?> deadline = Watchdog.TIMER.schedule(this::expire, millis, TimeUnit.MILLISECONDS);
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
            deadline.cancel(false);
        }
    }

    private void expire() {
        expired = true;
        try {
            transport.close();
        } catch (IOException ignored) {
            // the blocked write reports the close
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** One daemon thread for every socket's write deadlines, started on first use; it only closes sockets. */
    private static final class Watchdog {
        static final ScheduledThreadPoolExecutor TIMER = timer();

        private static ScheduledThreadPoolExecutor timer() {
            ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
                Thread thread = new Thread(r, "xtls-write-deadline");
                thread.setDaemon(true);
                return thread;
            });
            t.setRemoveOnCancelPolicy(true); // a completed write leaves nothing queued
            return t;
        }
    }
}
