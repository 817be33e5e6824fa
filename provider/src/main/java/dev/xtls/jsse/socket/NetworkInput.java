package dev.xtls.jsse.socket;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * A socket's network bytes in: one buffer, in read mode, that grows to hold the records the connection carries (at
 * most a whole record), filled from the transport, within the handshake deadline while there is one, and unwrapped
 * from by the engine. The {@link EngineDriver}'s read lock guards it.
 */
final class NetworkInput {
    static final long NO_DEADLINE = Long.MAX_VALUE;
    /** RFC 5246 §6.2.1: a 5-byte header whose last two bytes are the length of what follows. */
    static final int RECORD_HEADER = 5;
    /** The first buffer: a ClientHello or a short record in one read. */
    private static final int FIRST_NET_IN = 1024;

    private final Socket transport;
    private final InputStream rawIn;
    private final boolean ownsTransport;
    private final long handshakeTimeoutMillis;
    private final DeadlineRead deadlineRead;
    private final int maxSize; // the most the buffer grows to
    private ByteBuffer netIn;

    /**
     * @param ownsTransport the transport is this socket's: it may read past the current record, and shut the
     *        transport's input down when the handshake deadline passes
     * @param consumed network bytes already read from the transport, processed before any others
     * @param packetSize the largest record
     */
    NetworkInput(Socket transport, boolean ownsTransport, byte[] consumed, int packetSize,
            long handshakeTimeoutMillis) throws IOException {
        this.transport = transport;
        this.rawIn = transport.getInputStream();
        this.ownsTransport = ownsTransport;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
        this.deadlineRead = new DeadlineRead(transport);
        this.maxSize = Math.max(packetSize, consumed.length);
        this.netIn = ByteBuffer.wrap(consumed.clone());
    }

    int capacity() {
        return netIn.capacity();
    }

    /** After the handshake: an empty buffer goes; reads size a new one to their records. */
    void releaseIfEmpty() {
        if (!netIn.hasRemaining()) {
            netIn = ReadModeBuffers.none();
        }
    }

    /**
     * Reads network bytes; false at end of stream. Over a transport that outlives this socket (autoClose false) it
     * reads no byte past the current record, so what follows the TLS session stays there.
     */
    boolean fill(long deadline) throws IOException {
        int wanted = ownsTransport ? Integer.MAX_VALUE : bytesToCompleteRecord();
        roomForTheRecord();
        netIn.compact();
        try {
            if (!netIn.hasRemaining()) {
                throw new SSLException("a record does not fit the " + netIn.capacity() + " bytes of network buffer");
            }
            int n = readTransport(netIn.array(), netIn.arrayOffset() + netIn.position(),
                    Math.min(wanted, netIn.remaining()), deadline);
            if (n < 0) {
                return false;
            }
            netIn.position(netIn.position() + n);
            return true;
        } finally {
            netIn.flip();
        }
    }

    /**
     * The buffer grows to hold the whole record it has the start of (RFC 5246 §6.2.1), at least
     * {@value #FIRST_NET_IN} bytes, at most a whole record of the largest size.
     */
    private void roomForTheRecord() {
        int needed = Math.min(maxSize, Math.max(FIRST_NET_IN, netIn.remaining() + bytesToCompleteRecord()));
        if (netIn.capacity() < needed) {
            netIn = ReadModeBuffers.withCapacity(netIn, needed);
        }
    }

    /** The length of the record at the head of the buffer, header included; it holds at least the header. */
    int recordLength() {
        int p = netIn.position();
        return RECORD_HEADER + ((netIn.get(p + 3) & 0xff) << 8 | netIn.get(p + 4) & 0xff);
    }

    private int bytesToCompleteRecord() {
        int have = netIn.remaining();
        if (have < RECORD_HEADER) {
            return RECORD_HEADER - have;
        }
        return Math.max(1, recordLength() - have);
    }

    /** A read that ends by {@code deadline} (fatal) or by the socket's own SO_TIMEOUT, whichever comes first. */
    private int readTransport(byte[] b, int off, int len, long deadline) throws IOException {
        if (deadline == NO_DEADLINE) {
            return rawIn.read(b, off, len);
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + 1;
        if (left <= 1) {
            throw new HandshakeTimeoutException(handshakeTimeoutMillis, null);
        }
        int soTimeout = transport.getSoTimeout();
        if (soTimeout == 0 && ownsTransport) { // the transport stays blocking, as SunJSSE leaves it
            return deadlineRead.read(rawIn, b, off, len, deadline, handshakeTimeoutMillis);
        }
        boolean deadlineFirst = soTimeout == 0 || left < soTimeout;
        transport.setSoTimeout(deadlineFirst ? (int) Math.min(Integer.MAX_VALUE, left) : soTimeout);
        try {
            return rawIn.read(b, off, len);
        } catch (SocketTimeoutException e) {
            if (deadlineFirst) {
                throw new HandshakeTimeoutException(handshakeTimeoutMillis, e);
            }
            throw e;
        } finally {
            try {
                transport.setSoTimeout(soTimeout);
            } catch (SocketException closedMeanwhile) {
                // the socket was closed while we waited; the read reports that
            }
        }
    }

    /** One record unwrapped into {@code dst}, reading the network as needed; null at end of stream. */
    SSLEngineResult unwrapRecord(SSLEngine engine, HandshakeProgress progress, ByteBuffer dst, long deadline)
            throws IOException {
        while (true) {
            SSLEngineResult r = progress.noted(engine.unwrap(netIn, dst));
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    if (!fill(deadline)) {
                        return null;
                    }
                }
                case OK -> {
                    if (r.bytesConsumed() == 0 && r.bytesProduced() == 0
                            && r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_UNWRAP) {
                        throw new SSLException("the engine asked to unwrap but consumed nothing: " + r);
                    }
                    return r;
                }
                default -> {
                    return r;
                }
            }
        }
    }
}
