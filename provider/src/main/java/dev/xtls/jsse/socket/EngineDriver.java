package dev.xtls.jsse.socket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * A socket's TLS machinery: the engine, three buffers ({@link NetworkInput}, {@link PlaintextInput},
 * {@link NetworkOutput}) and three {@link ReentrantLock}s, taken in the order handshake, read, write. One reader and one
 * writer may run at once; the handshake runs once, on whichever thread needs it first; a renegotiation (RFC 5746)
 * runs on the thread that asks for it or, when the peer asks, within reads and writes. Blocking I/O is done under
 * these locks only, never in a monitor, so a virtual thread blocked in a read or write is not pinned.
 *
 * <p>{@link HandshakeProgress} keeps the handshake's deadline and completion; the buffers run the engine's wrap and
 * unwrap loops over themselves.
 *
 * <p>The buffers start empty and grow to the records the connection carries (at most a whole record each, about
 * 17 KB), as SunJSSE's socket grows its own; what the handshake needed is released when it ends, so an idle
 * established socket holds none.
 */
final class EngineDriver {
    private static final long NO_DEADLINE = NetworkInput.NO_DEADLINE;
    /** How long close() waits for a writer to finish before it gives up sending close_notify. */
    private static final long CLOSE_NOTIFY_WAIT_MILLIS = 1000;
    /** How long a renegotiation waits for a reader to take buffered data before it reads (and buffers) more. */
    private static final long READER_WAIT_MILLIS = 10;

    private final SSLEngine engine;
    private final Socket transport;
    private final boolean ownsTransport;
    private final HandshakeProgress progress;
    private final InputStream in = new TlsInputStream(this);
    private final OutputStream out = new TlsOutputStream(this);

    private final ReentrantLock handshakeLock = new ReentrantLock();
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Condition appInTaken = readLock.newCondition(); // a reader took data from appIn
    private final NetworkInput netIn; // guarded by readLock
    private final int appSize;
    private final PlaintextInput appIn; // guarded by readLock
    private final NetworkOutput netOut; // guarded by writeLock

    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean inputShutdown;
    private volatile boolean outputShutdown;
    private volatile boolean endOfStream;
    private volatile IOException failure;

    /**
     * @param ownsTransport close (and shut down) {@code transport} with this socket: it is ours, or autoClose
     * @param consumed network bytes already read from {@code transport}, processed before any others
     * @param handshakeTimeoutMillis bound on the whole handshake, across SO_TIMEOUT retries; 0 for none
     * @param writeTimeoutMillis bound on each blocked network write, then the transport is closed; 0 for none
     * @param handshakeCompleted run once per handshake, on the thread that completed it, with no lock held
     */
    EngineDriver(SSLEngine engine, Socket transport, boolean ownsTransport, byte[] consumed,
            long handshakeTimeoutMillis, long writeTimeoutMillis, Runnable handshakeCompleted) throws IOException {
        this.engine = engine;
        this.transport = transport;
        this.ownsTransport = ownsTransport;
        this.progress = new HandshakeProgress(handshakeTimeoutMillis, handshakeCompleted);
        int packetSize = engine.getSession().getPacketBufferSize();
        // plaintext room for any record that fits the packet buffer, so unwrap never overflows on a legal record
        this.appSize = Math.max(engine.getSession().getApplicationBufferSize(), packetSize);
        this.netIn = new NetworkInput(transport, ownsTransport, consumed, packetSize, handshakeTimeoutMillis);
        this.appIn = new PlaintextInput(appSize);
        this.netOut = new NetworkOutput(writeTimeoutMillis > 0 ? new DeadlineOutputStream(transport,
                writeTimeoutMillis) : transport.getOutputStream(), packetSize);
    }

    InputStream inputStream() {
        return in;
    }

    OutputStream outputStream() {
        return out;
    }

    /** For tests: the capacity of the three buffers, in bytes. */
    int bufferBytes() {
        readLock.lock();
        writeLock.lock();
        try {
            return netIn.capacity() + appIn.capacity() + netOut.capacity();
        } finally {
            writeLock.unlock();
            readLock.unlock();
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    boolean isHandshakeDone() {
        return progress.isDone();
    }

    boolean isInputShutdown() {
        return inputShutdown;
    }

    boolean isOutputShutdown() {
        return outputShutdown;
    }

    // ---- handshake ----

    /** Runs the handshake unless it is done. Serialised: a second caller waits for the first and returns. */
    void handshake() throws IOException {
        if (progress.isDone()) {
            return;
        }
        handshakeLock.lock();
        try {
            if (progress.isDone()) {
                return;
            }
            checkOpen();
            runHandshake();
            releaseEmptyBuffers();
            progress.initialHandshakeDone();
        } finally {
            handshakeLock.unlock();
        }
        progress.announceInitialHandshake();
    }

    /**
     * After the handshake: buffers with nothing in them go; reads and writes size new ones to their records. One
     * in use (a close_notify being sent meanwhile) stays: this never waits.
     */
    private void releaseEmptyBuffers() {
        if (readLock.tryLock()) {
            try {
                netIn.releaseIfEmpty();
                appIn.releaseIfEmpty();
            } finally {
                readLock.unlock();
            }
        }
        if (writeLock.tryLock()) {
            try {
                netOut.release();
            } finally {
                writeLock.unlock();
            }
        }
    }

    /**
     * Runs the handshake, or once established a renegotiation (RFC 5746) to its end; application data the peer
     * sends meanwhile is kept for read(). The socket's SO_TIMEOUT interrupts it, not fatally: the next call goes
     * on with it.
     */
    void startHandshake() throws IOException {
        if (!progress.isDone()) {
            handshake();
            return;
        }
        handshakeLock.lock();
        try {
            checkOpen();
            // a renegotiation refused before anything is sent (the peer lacks RFC 5746) leaves the socket open
            engine.beginHandshake();
        } catch (IOException | RuntimeException e) {
            handshakeLock.unlock();
            throw e;
        }
        try {
            long deadline = progress.renegotiationDeadline();
            for (int i = 0; i < 1_000_000 && engine.getHandshakeStatus() != SSLEngineResult.HandshakeStatus
                    .NOT_HANDSHAKING; i++) {
                checkOpen();
                if (deadline != NO_DEADLINE && System.nanoTime() - deadline > 0) {
                    throw new HandshakeTimeoutException(progress.timeoutMillis(), null);
                }
                if (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                    writeLock.lock();
                    try {
                        wrapQueued(false);
                    } finally {
                        writeLock.unlock();
                    }
                } else if (readLock.tryLock(10, TimeUnit.MILLISECONDS)) { // or a reader moves it on
                    try {
                        if (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_UNWRAP
                                && !aReaderTookBufferedData()) {
                            appIn.roomForARecord();
                            if (unwrapIntoAppIn(deadline) == null) {
                                throw new SSLHandshakeException("Remote host terminated the renegotiation");
                            }
                        }
                    } finally {
                        readLock.unlock();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SSLException("interrupted while renegotiating", e);
        } catch (HandshakeTimeoutException e) {
            fail(e);
            throw e;
        } catch (SocketTimeoutException e) {
            throw e; // the socket's own SO_TIMEOUT: the renegotiation goes on with the next call
        } catch (IOException | RuntimeException e) {
            fail(e);
            throw e;
        } finally {
            handshakeLock.unlock();
        }
        progress.announceRenegotiation();
    }

    /**
     * While application data is buffered, a reader gets {@value #READER_WAIT_MILLIS} ms to take some before the
     * renegotiation reads on: a reader that keeps up moves the renegotiation on itself (its unwraps carry the
     * handshake too), and only data the application does not read is buffered. Caller holds readLock.
     */
    private boolean aReaderTookBufferedData() throws InterruptedException {
        return appIn.hasRemaining() && appInTaken.await(READER_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void runHandshake() throws IOException {
        long deadline = progress.initialDeadline();
        try {
            engine.beginHandshake();
            while (true) {
                switch (engine.getHandshakeStatus()) {
                    case NEED_WRAP -> {
                        if (wrapHandshake()) {
                            return;
                        }
                    }
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        if (unwrapHandshake(deadline)) {
                            return;
                        }
                    }
                    case NEED_TASK -> runDelegatedTasks();
                    case NOT_HANDSHAKING, FINISHED -> {
                        if (engine.isOutboundDone() || engine.isInboundDone()) {
                            throw new SSLHandshakeException("the connection was closed before the handshake completed");
                        }
                        return;
                    }
                }
            }
        } catch (HandshakeTimeoutException e) {
            fail(e);
            throw e;
        } catch (SocketTimeoutException e) {
            throw e; // the socket's own SO_TIMEOUT: the handshake goes on with the next call
        } catch (IOException | RuntimeException e) {
            fail(e);
            throw e;
        }
    }

    private void runDelegatedTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** Sends what the engine has to send; true when that completed the handshake. */
    private boolean wrapHandshake() throws IOException {
        writeLock.lock();
        try {
            return netOut.wrapFlight(engine);
        } finally {
            writeLock.unlock();
        }
    }

    /** Processes one record from the peer; true when that completed the handshake. */
    private boolean unwrapHandshake(long deadline) throws IOException {
        readLock.lock();
        try {
            SSLEngineResult r = unwrapIntoAppIn(deadline);
            if (r == null) {
                throw new SSLHandshakeException("Remote host terminated the handshake");
            }
            return r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED;
        } finally {
            readLock.unlock();
        }
    }

    // ---- reading ----

    int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        checkOpen();
        if (len == 0) {
            return 0;
        }
        if (inputShutdown) {
            return -1;
        }
        handshake();
        readLock.lock();
        try {
            while (true) {
                if (appIn.hasRemaining()) {
                    int n = appIn.take(b, off, len);
                    appInTaken.signal();
                    return n;
                }
                if (endOfStream || inputShutdown || engine.isInboundDone()) {
                    return -1;
                }
                checkOpen();
                SSLEngineResult r;
                if (len >= appSize) { // room for a whole record: no copy
                    r = PlaintextInput.recordFitted(netIn.unwrapRecord(engine, progress,
                            ByteBuffer.wrap(b, off, len), NO_DEADLINE), len);
                } else {
                    r = unwrapIntoAppIn(NO_DEADLINE);
                }
                if (r == null) {
                    endOfStream = true; // TCP closed without close_notify: end of stream, as SunJSSE by default
                    return -1;
                }
                sendWhatUnwrapQueued(r);
                if (len >= appSize && r.bytesProduced() > 0) {
                    return r.bytesProduced();
                }
            }
        } catch (SocketTimeoutException e) {
            throw e; // SO_TIMEOUT: a partial record stays buffered; the next read goes on from there
        } catch (IOException | RuntimeException e) {
            fail(e);
            throw e;
        } finally {
            readLock.unlock();
            progress.announceRenegotiation();
        }
    }

    int available() {
        return closed.get() ? 0 : appIn.available();
    }

    private SSLEngineResult unwrapIntoAppIn(long deadline) throws IOException {
        return appIn.unwrapFrom(dst -> netIn.unwrapRecord(engine, progress, dst, deadline),
                () -> netIn.recordLength() - NetworkInput.RECORD_HEADER);
    }

    /** Sends what the engine queued while unwrapping: the answer to close_notify, a warning alert. */
    private void sendWhatUnwrapQueued(SSLEngineResult r) throws IOException {
        if (engine.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NEED_WRAP) {
            return;
        }
        writeLock.lock();
        try {
            wrapQueued(false);
        } catch (IOException e) {
            if (r.getStatus() != SSLEngineResult.Status.CLOSED) {
                throw e;
            } // the peer may be gone already after its close_notify: the stream still ends cleanly
        } finally {
            writeLock.unlock();
        }
    }

    // ---- writing ----

    void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        checkOpen();
        if (outputShutdown) {
            throw new SocketException("Socket output is already shutdown");
        }
        if (len == 0) {
            return;
        }
        handshake();
        boolean outboundClosed = false;
        writeLock.lock();
        try {
            checkOpen();
            outboundClosed = !netOut.wrapAll(engine, progress, ByteBuffer.wrap(b, off, len));
        } catch (IOException | RuntimeException e) {
            fail(e);
            throw e;
        } finally {
            writeLock.unlock();
            progress.announceRenegotiation();
        }
        if (outboundClosed) {
            throw new SocketException("Connection or outbound has closed");
        }
    }

    /** Wraps what the engine has queued, or everything up to close_notify; caller holds writeLock. */
    private void wrapQueued(boolean untilOutboundDone) throws IOException {
        netOut.wrapQueued(engine, progress, untilOutboundDone);
    }

    // ---- closing ----

    /** Sends close_notify; reading goes on until the peer's close_notify (-1). */
    void shutdownOutput() throws IOException {
        checkOpen();
        if (outputShutdown) {
            return;
        }
        writeLock.lock();
        try {
            engine.closeOutbound();
            wrapQueued(true);
            outputShutdown = true;
        } catch (IOException | RuntimeException e) {
            fail(e);
            throw e;
        } finally {
            writeLock.unlock();
        }
        if (ownsTransport) {
            transport.shutdownOutput();
        }
    }

    /**
     * Stops reading, as SunJSSE's socket does in TLS 1.2 and 1.3: nothing is sent and writing goes on (the engine is
     * not told: its closeInbound() would close the outbound side too). Before the peer's close_notify it throws
     * SSLException after that, as SunJSSE does: what the peer sent since may be lost (truncation).
     */
    void shutdownInput() throws IOException {
        checkOpen();
        if (inputShutdown) {
            return;
        }
        inputShutdown = true;
        if (ownsTransport) {
            transport.shutdownInput();
        }
        boolean started = progress.isDone()
                || engine.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;
        if (started && !engine.isInboundDone()) {
            throw new SSLException("closing inbound before receiving peer's close_notify: data the peer sent"
                    + " may be lost (truncation)");
        }
    }

    /**
     * Sends close_notify (waiting at most {@value #CLOSE_NOTIFY_WAIT_MILLIS} ms for a writer in progress), then
     * closes the transport if it is ours. A reader blocked on the transport wakes with a SocketException.
     */
    void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            sendCloseNotifyIfPossible(CLOSE_NOTIFY_WAIT_MILLIS);
        } finally {
            if (ownsTransport) {
                transport.close();
            }
        }
    }

    private void sendCloseNotifyIfPossible(long waitMillis) {
        boolean locked;
        try {
            locked = writeLock.tryLock(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!locked) {
            return; // a writer is stuck on a peer that does not read: closing the transport will free it
        }
        try {
            engine.closeOutbound();
            wrapQueued(true);
        } catch (IOException | RuntimeException e) {
            // best effort: the transport is closed next anyway
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * A fatal error: the engine's alert (if it queued one) is sent, the socket is closed, and later calls report
     * this error as their cause. An error seen after close() is the close itself: nothing to do.
     */
    private void fail(Exception e) {
        if (closed.get()) {
            return;
        }
        failure = e instanceof IOException io ? io : new SSLException(e);
        if (e instanceof HandshakeTimeoutException) {
            engine.closeOutbound(); // tell the peer we give up: user_canceled, close_notify
        }
        if (e instanceof SSLException || e instanceof HandshakeTimeoutException) {
            if (writeLock.tryLock()) {
                try {
                    wrapQueued(false);
                } catch (IOException | RuntimeException ignored) {
                    // the error being reported matters more
                } finally {
                    writeLock.unlock();
                }
            }
        }
        closed.set(true);
        if (ownsTransport) {
            try {
                transport.close();
            } catch (IOException ignored) {
                // closing after an error
            }
        }
    }

    /** SocketException when closed; SSLException caused by the error when a fatal error closed it. */
    void checkOpen() throws IOException {
        if (closed.get()) {
            IOException f = failure;
            if (f != null) {
                throw new SSLException("the connection was closed after an error: " + f.getMessage(), f);
            }
            throw new SocketException("Socket is closed");
        }
    }

    @Override
    public String toString() {
        return (closed.get() ? "closed" : progress.isDone() ? "established" : "handshaking") + ", " + appIn.available()
                + " bytes buffered";
    }
}
