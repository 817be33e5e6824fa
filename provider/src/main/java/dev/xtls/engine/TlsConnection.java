package dev.xtls.engine;

import dev.xtls.handshake.ClientHelloTemplates;
import dev.xtls.handshake.Established;
import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeOutput;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.RecordSizePolicy;
import dev.xtls.handshake.RenegotiationContext;
import dev.xtls.handshake.SessionOrigin;
import dev.xtls.handshake.Tls13Established;
import dev.xtls.handshake.client.ClientHandshake;
import dev.xtls.handshake.server.ServerHandshake;
import dev.xtls.keys.ChannelBinding;
import dev.xtls.keys.KeyingMaterialExporter;
import dev.xtls.message.Alert;
import dev.xtls.record.HandshakeAssembler;
import dev.xtls.record.PlaintextProtection;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.record.RecordLimits;
import dev.xtls.record.RecordProtection;
import dev.xtls.record.RecordReader;
import dev.xtls.record.RecordSizeLimits;
import dev.xtls.record.RecordWriter;
import dev.xtls.session.SessionState;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.AlertLevel;
import dev.xtls.wire.ContentType;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.TlsException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * One TLS connection without I/O: the SSLEngine contract over byte buffers. Each direction has its own lock,
 * so wrap and unwrap may run on two threads at once; the inbound side takes the outbound lock only briefly to
 * queue handshake output (lock order: inbound, then outbound). A fatal error throws {@link TlsException}; the
 * alert is then pending (NEED_WRAP), and the wrap that sends it closes the connection.
 * <p>
 * A renegotiation (RFC 5746) runs the same handshake states again while application data keeps flowing in both
 * directions under the current keys; each direction switches at its ChangeCipherSpec (RFC 5246 §7.1).
 */
public final class TlsConnection {
    /** The first plaintext scratch buffer: a resumption's records fit; a full handshake's grow it once or twice. */
    private static final int MIN_PLAINTEXT_BUFFER = 1024;
    private volatile HandshakeConfig config; // unbound from the engine once established, see handshakeComplete
    private final Supplier<HandshakeConfig> renegotiationConfig;
    private final ClientHelloTemplates helloTemplates;
    // the inbound lock is the record reader's monitor, which nothing else takes (no lock object of its own)
    private final RecordReader reader = new RecordReader();
    private final Object inLock = reader;
    // this object's monitor, which also guards the exporter: one lock object less per engine
    private final Object outLock = this;

    // outbound side, guarded by outLock
    private final RecordWriter writer = new RecordWriter();
    private OutboundQueue queue; // null while nothing waits to be sent: an idle connection holds none
    private ByteBuffer gather;
    private boolean closeQueued;
    private RecordProtection heldChangeCipherSpec; // guarded by outLock: the keys after a held compatibility CCS

    // inbound side (with the reader above), guarded by inLock
    /** Server: the client's 0-RTT records still being skipped (RFC 8446 §4.2.10); null otherwise. Under inLock. */
    private EarlyDataSkipper earlyData;
    private HandshakeAssembler assembler; // null while no handshake message is being read
    private InboundFloodGuard floodGuard; // null while nothing is counted: a record with content starts again
    private ByteBuffer plaintext;
    private HandshakeContext context; // null while idle: see handshakeContext()
    private HandshakeState state;
    private boolean closeNotifyReceived;
    private boolean tls13;
    private boolean readKeysChanged;

    // read by both sides
    private volatile boolean started;
    private volatile boolean handshaking;
    private volatile boolean finishedPending;
    private volatile boolean inboundDone;
    private volatile boolean outboundDone;
    private volatile SessionState session;
    private volatile boolean resumed;
    private volatile int completedHandshakes;
    private volatile RecordSizeLimits recordSizeLimits = RecordSizeLimits.NONE;
    // guarded by this object's monitor (outLock); destroyed when the connection closes
    private KeyingMaterialExporter exporter;
    private final ConnectionTrace trace;

    public TlsConnection(HandshakeConfig config) {
        this(config, () -> config);
    }

    /** {@code renegotiationConfig}: the configuration of each renegotiation, asked for when one starts. */
    public TlsConnection(HandshakeConfig config, Supplier<HandshakeConfig> renegotiationConfig) {
        this(config, renegotiationConfig, HandshakeTraceListener.NONE);
    }

    /** {@code traceListener}: told of each handshake's trace when it completes or fails. */
    public TlsConnection(HandshakeConfig config, Supplier<HandshakeConfig> renegotiationConfig,
            HandshakeTraceListener traceListener) {
        this(config, renegotiationConfig, traceListener, new ClientHelloTemplates());
    }

    /** {@code helloTemplates}: shared by the connections of one SSLContext, so that they share ClientHellos' parts. */
    public TlsConnection(HandshakeConfig config, Supplier<HandshakeConfig> renegotiationConfig,
            HandshakeTraceListener traceListener, ClientHelloTemplates helloTemplates) {
        this.config = config;
        this.helloTemplates = helloTemplates;
        this.trace = new ConnectionTrace(config.clientMode(), config.clock(), traceListener);
        this.renegotiationConfig = renegotiationConfig;
        writer.limitPackets(config.recordSizes().maximumPacketSize());
    }

    public HandshakeConfig config() {
        return config;
    }

    /** Starts the initial handshake; a call once started or after close is ignored (see {@link #renegotiate()}). */
    public void beginHandshake() {
        if (started) {
            return;
        }
        synchronized (inLock) {
            synchronized (outLock) {
                if (started || inboundDone || outboundDone) {
                    return;
                }
                started = true;
                handshaking = true;
                context = new HandshakeContext(config, new Output(), RenegotiationContext.INITIAL, helloTemplates);
                trace.handshakeStarted();
                try {
                    state = config.clientMode() ? ClientHandshake.start(context) : ServerHandshake.start(context);
                } catch (RuntimeException e) {
                    throw fail(asTlsException(e));
                }
            }
        }
    }

    /**
     * Starts a renegotiation (the application's SSLEngine.beginHandshake once established): the client sends a
     * ClientHello, the server a HelloRequest (RFC 5246 §7.4.1.1). Ignored during a handshake or after close; the
     * initial handshake if none ran. Throws, without ending the connection, when the peer did not signal RFC 5746.
     * On TLS 1.3 (no renegotiation, RFC 8446 §4.6) the established state sends a KeyUpdate or, on a server now
     * asking for client authentication, a post-handshake CertificateRequest; it throws the same way when it cannot.
     */
    public void renegotiate() {
        if (!started) {
            beginHandshake();
            return;
        }
        synchronized (inLock) {
            synchronized (outLock) {
                if (handshaking || inboundDone || outboundDone || closeQueued) {
                    return;
                }
                if (state instanceof Tls13Established established) { // RFC 8446 §4.6: no renegotiation in 1.3
                    HandshakeConfig latest = renegotiationConfig.get();
                    String refusal = established.refusal(handshakeContext(), latest);
                    if (refusal != null) {
                        dropIdleContext();
                        throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, refusal);
                    }
                    try {
                        state = established.applicationRequest(handshakeContext(), latest);
                    } catch (RuntimeException e) {
                        throw fail(asTlsException(e));
                    }
                    dropIdleContext();
                    return;
                }
                if (!(state instanceof Established established)) {
                    return;
                }
                if (!established.renegotiation().secure()) {
                    throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "cannot renegotiate: the peer did"
                            + " not signal secure renegotiation (RFC 5746) in the previous handshake, and insecure"
                            + " renegotiation is never done");
                }
                try {
                    state = established.renegotiate(nextHandshake(established.renegotiation()));
                } catch (RuntimeException e) {
                    throw fail(asTlsException(e));
                }
            }
        }
    }

    /**
     * The running handshake's context or, on an established connection, one made for a post-handshake message
     * (RFC 8446 §4.6) or a renegotiation request (RFC 5746) from the established session: an idle connection keeps
     * none (issue 13). Called with inLock held.
     */
    private HandshakeContext handshakeContext() {
        HandshakeContext c = context;
        if (c == null) {
            c = new HandshakeContext(config, new Output(), RenegotiationContext.INITIAL, helloTemplates);
            c.updateSession(session);
            context = c;
        }
        return c;
    }

    /** Forgets the context once no handshake runs; the established state holds what later messages need. */
    private void dropIdleContext() {
        if (!handshaking) {
            context = null;
        }
    }

    /** The next handshake's context; the connection is handshaking again. Called with both locks held. */
    private HandshakeContext nextHandshake(RenegotiationContext previous) {
        context = new HandshakeContext(renegotiationConfig.get(), new Output(), previous, helloTemplates);
        trace.handshakeStarted();
        handshaking = true;
        return context;
    }

    /** Produces queued handshake/alert records, or one application data record, into {@code dst}. */
    public Outcome wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) {
        beginHandshake();
        synchronized (outLock) {
            if (outboundDone) {
                return new Outcome(Status.CLOSED, handshakeStatus(), 0, 0);
            }
            if (queue != null) {
                int produced = queue.drainInto(writer, dst);
                if (produced < 0) {
                    return new Outcome(Status.BUFFER_OVERFLOW, handshakeStatus(), 0, 0);
                }
                if (queue.isEmpty()) {
                    queue = null;
                }
                if (closeQueued && queue == null) {
                    outboundDone = true;
                    writer.destroyKeys(); // close_notify was the last record under them
                    return new Outcome(Status.CLOSED, handshakeStatus(), 0, produced);
                }
                return new Outcome(Status.OK, statusAfterOperation(), 0, produced);
            }
            if (session == null) {
                return new Outcome(Status.OK, handshakeStatus(), 0, 0);
            }
            return wrapApplicationData(srcs, offset, length, dst);
        }
    }

    private Outcome wrapApplicationData(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) {
        long available = BufferArrays.remaining(srcs, offset, length);
        int n = (int) Math.min(available, writer.maxFragment());
        if (n == 0) {
            return new Outcome(Status.OK, statusAfterOperation(), 0, 0);
        }
        if (dst.remaining() < writer.recordLength(n)) {
            return new Outcome(Status.BUFFER_OVERFLOW, handshakeStatus(), 0, 0);
        }
        int before = dst.position();
        ByteBuffer first = BufferArrays.firstWithRemaining(srcs, offset, length);
        try {
            if (first.remaining() >= n) {
                // encrypt straight from the caller's buffer: narrow its limit for the record, no copy, no slice
                int limit = first.limit();
                first.limit(first.position() + n);
                try {
                    writer.write(ContentType.APPLICATION_DATA, first, dst);
                } finally {
                    first.limit(limit);
                }
            } else {
                try {
                    writer.write(ContentType.APPLICATION_DATA, gather(srcs, offset, length, n), dst);
                } finally {
                    Arrays.fill(gather.array(), 0, n, (byte) 0); // the record's plaintext, copied from the caller
                }
            }
        } catch (RuntimeException e) {
            throw fail(asTlsException(e));
        }
        return new Outcome(Status.OK, statusAfterOperation(), n, dst.position() - before);
    }

    /** For tests: the buffer a record's plaintext is gathered in from several source buffers (null until used). */
    ByteBuffer gatherBuffer() {
        return gather;
    }

    /** The outbound queue, made when something is queued; caller holds outLock. */
    private OutboundQueue queue() {
        if (queue == null) {
            // room for the largest flight (Certificate and CertificateRequest at their size limit) and a few alerts
            queue = new OutboundQueue(2 * config.maxHandshakeMessageSize() + (1 << 14));
        }
        return queue;
    }

    /** Coalesced handshake output goes into the queue before anything else; caller holds outLock. */
    private void flushHandshake() {
        if (queue != null) {
            queue.flushHandshake();
        }
    }

    private InboundFloodGuard floodGuard() {
        if (floodGuard == null) {
            floodGuard = new InboundFloodGuard();
        }
        return floodGuard;
    }

    /** A record with content: the flood counts start again, from a guard that is made when next needed. */
    private void contentReceived() {
        floodGuard = null;
    }

    /** For tests: whether the idle connection still holds these (issue 13: an idle connection should not). */
    boolean holdsOutboundQueue() {
        return queue != null;
    }

    boolean holdsHandshakeAssembler() {
        return assembler != null;
    }

    boolean holdsFloodGuard() {
        return floodGuard != null;
    }

    /** For tests: the current keys of each direction were wiped. */
    boolean writeKeysDestroyed() {
        synchronized (outLock) {
            return writer.keysDestroyed();
        }
    }

    boolean readKeysDestroyed() {
        synchronized (inLock) {
            return reader.keysDestroyed();
        }
    }

    private ByteBuffer gather(ByteBuffer[] srcs, int offset, int length, int n) {
        if (gather == null) {
            gather = ByteBuffer.allocate(RecordLimits.MAX_PLAINTEXT);
        }
        gather.clear();
        for (int i = offset; i < offset + length && gather.position() < n; i++) {
            ByteBuffer s = srcs[i];
            int take = Math.min(s.remaining(), n - gather.position());
            ByteBuffer part = s.slice();
            part.limit(take);
            gather.put(part);
            s.position(s.position() + take);
        }
        return gather.flip();
    }

    /** Consumes at most one record from {@code src}; application data goes into {@code dsts}. */
    public Outcome unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) {
        beginHandshake();
        synchronized (inLock) {
            if (inboundDone) {
                reader.destroyKeys(); // closed by a failure on the outbound side, or already
                return new Outcome(Status.CLOSED, handshakeStatus(), 0, 0);
            }
            try {
                int recordLength = reader.recordLength(src);
                if (recordLength < 0 || src.remaining() < recordLength) {
                    return incompleteRecord();
                }
                ContentType type = RecordReader.peekType(src);
                if (earlyData != null && type.equals(ContentType.APPLICATION_DATA) && session == null) {
                    return unwrapPastEarlyData(src, recordLength);
                }
                if (type.equals(ContentType.APPLICATION_DATA) && reader.hidesContentType()) {
                    return unwrapTls13(src, recordLength, dsts, offset, length);
                }
                if (type.equals(ContentType.APPLICATION_DATA)) {
                    return unwrapApplicationData(src, recordLength, dsts, offset, length);
                }
                ByteBuffer plaintext = plaintextBuffer(recordLength);
                reader.read(src, recordLength, plaintext);
                plaintext.flip();
                onContent(type, plaintext);
                synchronized (outLock) {
                    flushHandshake();
                }
                Status status = inboundDone ? Status.CLOSED : Status.OK;
                return new Outcome(status, statusAfterOperation(), recordLength, 0);
            } catch (RuntimeException e) {
                throw fail(asTlsException(e));
            } finally {
                if (inboundDone) {
                    reader.destroyKeys(); // the peer's close_notify or a fatal alert was the last record
                }
            }
        }
    }

    /**
     * No whole record to read. While the initial handshake waits for this side to send, that is no underflow (an
     * application would read the network for bytes the peer will not send): OK, NEED_WRAP, as SunJSSE.
     */
    private Outcome incompleteRecord() {
        HandshakeStatus hs = handshakeStatus();
        Status status = session == null && hs == HandshakeStatus.NEED_WRAP ? Status.OK : Status.BUFFER_UNDERFLOW;
        return new Outcome(status, hs, 0, 0);
    }

    /**
     * RFC 8446 §4.2.10, a server ignoring early_data: before the handshake keys (after a HelloRetryRequest) every
     * application_data record is skipped; under them, records that do not open are; the first that opens is the
     * client's second flight, and skipping ends.
     */
    private Outcome unwrapPastEarlyData(ByteBuffer src, int recordLength) {
        if (!reader.hidesContentType()) {
            src.position(src.position() + recordLength);
            earlyData.skipped(recordLength);
            return new Outcome(Status.OK, handshakeStatus(), recordLength, 0);
        }
        ByteBuffer trial = plaintextBuffer(recordLength);
        try {
            reader.read(src, recordLength, trial);
        } catch (TlsException e) {
            if (!e.alert().equals(AlertDescription.BAD_RECORD_MAC)) {
                throw e;
            }
            earlyData.skipped(recordLength);
            return new Outcome(Status.OK, handshakeStatus(), recordLength, 0);
        }
        earlyData = null;
        trial.flip();
        onContent(reader.lastType(), trial);
        synchronized (outLock) {
            flushHandshake();
        }
        return new Outcome(inboundDone ? Status.CLOSED : Status.OK, statusAfterOperation(), recordLength, 0);
    }

    private void onContent(ContentType type, ByteBuffer plaintext) {
        if (type.equals(ContentType.HANDSHAKE)) {
            contentReceived();
            onHandshakeRecord(plaintext);
        } else if (type.equals(ContentType.CHANGE_CIPHER_SPEC)) {
            contentReceived();
            onChangeCipherSpec(plaintext);
        } else if (type.equals(ContentType.ALERT)) {
            onAlert(plaintext);
        } else {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE,
                    "application data received before the handshake completed");
        }
    }

    /**
     * A record under TLS 1.3 keys, whose type is known once it is opened (RFC 8446 §5.2). Once established, it is
     * opened straight into the caller's buffer when the whole TLSInnerPlaintext (content, type, padding: up to
     * 2^14 + 1 bytes) fits there, else into the scratch buffer; a handshake or alert record is moved out again.
     */
    private Outcome unwrapTls13(ByteBuffer src, int recordLength, ByteBuffer[] dsts, int offset, int length) {
        int fragment = recordLength - RecordLimits.HEADER_LENGTH;
        ByteBuffer content = null;
        if (session != null) {
            long room = BufferArrays.remaining(dsts, offset, length);
            if (room < reader.maxPlaintextLength(fragment)) {
                return new Outcome(Status.BUFFER_OVERFLOW, handshakeStatus(), 0, 0);
            }
            ByteBuffer first = room == 0 ? dsts[offset] : BufferArrays.firstWithRemaining(dsts, offset, length);
            if (first.remaining() >= reader.openRoom(fragment)) {
                int start = first.position();
                int n = reader.read(src, recordLength, first);
                if (reader.lastType().equals(ContentType.APPLICATION_DATA)) {
                    return applicationDataOpened(recordLength, n);
                }
                content = plaintextBuffer(recordLength);
                content.put(first.duplicate().position(start).limit(start + n)).flip();
                first.position(start);
            }
        }
        if (content == null) {
            content = plaintextBuffer(recordLength);
            int n = reader.read(src, recordLength, content);
            content.flip();
            if (session != null && reader.lastType().equals(ContentType.APPLICATION_DATA)) {
                BufferArrays.scatter(content, dsts, offset, length);
                return applicationDataOpened(recordLength, n);
            }
        }
        onContent(reader.lastType(), content);
        synchronized (outLock) {
            flushHandshake();
        }
        return new Outcome(inboundDone ? Status.CLOSED : Status.OK, statusAfterOperation(), recordLength, 0);
    }

    private Outcome applicationDataOpened(int recordLength, int produced) {
        if (produced == 0) {
            floodGuard().emptyRecord();
        } else {
            contentReceived();
        }
        return new Outcome(Status.OK, statusAfterOperation(), recordLength, produced);
    }

    /**
     * A failure that is not a protocol error — a key or trust manager, an ALPN selector or a JCA provider threw —
     * still ends the connection properly: internal_error to the peer (RFC 5246 §7.2.2), the cause kept.
     */
    private static TlsException asTlsException(RuntimeException e) {
        return e instanceof TlsException t ? t : new TlsException(AlertDescription.INTERNAL_ERROR,
                "unexpected failure during the connection: " + e, e);
    }

    private Outcome unwrapApplicationData(ByteBuffer src, int recordLength, ByteBuffer[] dsts, int offset,
            int length) {
        // during a renegotiation application data goes on under the current keys (RFC 5246 §7.4.1.1)
        if (session == null || !reader.isProtected()) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE,
                    "application data received before the handshake completed");
        }
        int maxPlaintext = reader.maxPlaintextLength(recordLength - RecordLimits.HEADER_LENGTH);
        long room = BufferArrays.remaining(dsts, offset, length);
        if (room < maxPlaintext) {
            return new Outcome(Status.BUFFER_OVERFLOW, handshakeStatus(), 0, 0);
        }
        ByteBuffer first = maxPlaintext == 0 ? dsts[offset] : BufferArrays.firstWithRemaining(dsts, offset, length);
        int produced;
        if (first.remaining() >= maxPlaintext) {
            produced = reader.read(src, recordLength, first);
        } else {
            ByteBuffer plaintext = plaintextBuffer(recordLength);
            produced = reader.read(src, recordLength, plaintext);
            BufferArrays.scatter(plaintext.flip(), dsts, offset, length);
        }
        return applicationDataOpened(recordLength, produced);
    }

    /**
     * A cleared scratch buffer for the plaintext of one record of {@code recordLength} bytes (its plaintext is
     * shorter); kept only while handshaking (see Output). Sized to the records that come, not to the largest
     * legal one: a resumption's records are a few hundred bytes, and this was 40 % of the bytes it allocated.
     */
    private ByteBuffer plaintextBuffer(int recordLength) {
        int fragment = recordLength - RecordLimits.HEADER_LENGTH;
        if (plaintext == null || plaintext.capacity() < fragment) {
            int grown = plaintext == null ? MIN_PLAINTEXT_BUFFER : 2 * plaintext.capacity();
            plaintext = ByteBuffer.allocate(Math.min(RecordLimits.MAX_CIPHERTEXT, Math.max(fragment, grown)));
        }
        return plaintext.clear();
    }

    private void onHandshakeRecord(ByteBuffer plaintext) {
        if (assembler == null) {
            assembler = new HandshakeAssembler(config.maxHandshakeMessageSize());
        }
        assembler.add(plaintext);
        RawHandshakeMessage message;
        while (!inboundDone && (message = assembler.next()) != null) {
            readKeysChanged = false;
            trace.received(message);
            state = state.onHandshake(handshakeContext(), message);
            if (readKeysChanged && !assembler.isEmpty()) {
                // RFC 8446 §5.1: a message before a key change ends its record; what follows is under the new keys
                throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "the " + message.type() + " record"
                        + " continues past the key change it brings (RFC 8446 §5.1)");
            }
        }
        if (!handshaking) {
            if (assembler.isEmpty()) {
                assembler = null; // an idle connection holds no assembler; a post-handshake message makes a new one
            }
            dropIdleContext();
        }
    }

    private void onChangeCipherSpec(ByteBuffer plaintext) {
        // RFC 5246 §7.1: a single byte of value 1; RFC 8446 §5: anything else is unexpected_message in TLS 1.3
        if (plaintext.remaining() != 1 || plaintext.get(0) != 1) {
            throw new TlsException(tls13 ? AlertDescription.UNEXPECTED_MESSAGE : AlertDescription.DECODE_ERROR,
                    "malformed ChangeCipherSpec");
        }
        if (assembler != null && !assembler.isEmpty()) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE,
                    "ChangeCipherSpec arrived in the middle of a handshake message");
        }
        trace.changeCipherSpec(false);
        state = state.onChangeCipherSpec(handshakeContext());
    }

    private void onAlert(ByteBuffer plaintext) {
        if (plaintext.remaining() != 2) {
            throw new TlsException(AlertDescription.DECODE_ERROR, "alert record of " + plaintext.remaining()
                    + " bytes; an alert is 2 bytes");
        }
        byte[] two = new byte[2];
        plaintext.get(two);
        Alert alert = Alert.decode(two);
        if (alert.description().equals(AlertDescription.CLOSE_NOTIFY)) {
            closeNotifyReceived = true;
            inboundDone = true;
            boolean duringHandshake = handshaking && session == null;
            handshaking = false;
            if (!tls13 || duringHandshake) {
                closeOutbound(); // RFC 5246 §7.2.1: answer close_notify with close_notify
            } // RFC 8446 §6.1: TLS 1.3 closes the read side only; the application closes its own (as SunJSSE)
            if (duringHandshake) {
                throw new PeerAlertException(AlertDescription.CLOSE_NOTIFY,
                        "the peer closed the connection (close_notify) during the handshake");
            }
        } else if (alert.level() == AlertLevel.FATAL) {
            throw new PeerAlertException(alert.description(), "received fatal alert: " + alert.description());
        } else {
            // other warnings (user_canceled, ...) need no action in TLS 1.2, but only a few
            floodGuard().warningAlert(alert.description());
            if (alert.description().equals(AlertDescription.NO_RENEGOTIATION) && handshaking && session != null) {
                state = state.onNoRenegotiation(context);
                handshaking = !(state instanceof Established);
            }
        }
    }

    /**
     * RFC 5705 §4 / RFC 8446 §7.5: keying material of the last completed handshake.
     *
     * @throws IllegalStateException before a handshake completed, after close, or for a TLS 1.2 session without
     *     the extended master secret (RFC 7627 §5.4)
     */
    public byte[] exportKeyingMaterial(String label, byte[] context, int length) {
        synchronized (this) {
            return exporter().export(label, context, length);
        }
    }

    /** RFC 9266 §2: the tls-exporter channel binding; throws as {@link #exportKeyingMaterial}. */
    public byte[] tlsExporterChannelBinding() {
        synchronized (this) {
            return ChannelBinding.tlsExporter(exporter());
        }
    }

    private KeyingMaterialExporter exporter() {
        synchronized (this) {
            if (exporter == null || exporter.isDestroyed()) {
                throw new IllegalStateException(session == null ? "no handshake has completed on this connection"
                        : inboundDone || outboundDone || closeQueued ? "the connection is closed"
                        : "this TLS 1.2 session has no extended master secret: RFC 7627 §5.4 forbids exporting"
                                + " keying material from it (enable jdk.tls.useExtendedMasterSecret on both peers)");
            }
            return exporter;
        }
    }

    /** The exporter's secret goes with the connection. */
    private void destroyExporter() {
        synchronized (this) {
            destroy(exporter);
            exporter = null;
        }
    }

    private static void destroy(KeyingMaterialExporter e) {
        if (e != null) {
            e.destroy();
        }
    }

    /** Records a fatal error: queues the alert unless the peer sent it, closes both directions. */
    private TlsException fail(TlsException e) {
        destroyExporter();
        trace.failed(handshaking, e.getMessage() + (e.receivedFromPeer() ? "" : " (" + e.alert() + " sent)"));
        handshaking = false;
        inboundDone = true;
        synchronized (outLock) {
            queue = null;
            if (e.receivedFromPeer() || outboundDone) {
                outboundDone = true;
                writer.destroyKeys();
            } else {
                releaseHeldChangeCipherSpec(); // the alert goes under the keys the peer reads with
                queue().record(ContentType.ALERT, new Alert(AlertLevel.FATAL, e.alert()).encode());
                closeQueued = true;
            }
        }
        return e;
    }

    /** Queues the held compatibility ChangeCipherSpec and its key change, if any; caller holds outLock. */
    private void releaseHeldChangeCipherSpec() {
        RecordProtection next = heldChangeCipherSpec;
        if (next != null) {
            heldChangeCipherSpec = null;
            queueChangeCipherSpec(next);
        }
    }

    /** A ChangeCipherSpec record, then {@code next} protects what follows; caller holds outLock. */
    private void queueChangeCipherSpec(RecordProtection next) {
        queue().record(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1});
        queue().keyChange(next);
        trace.changeCipherSpec(true);
        if (next != PlaintextProtection.INSTANCE) { // RFC 8446 Appendix D.4: a dummy one changes no keys
            trace.writeKeysChanged();
        }
    }

    public HandshakeStatus handshakeStatus() {
        synchronized (outLock) {
            if (queue != null) {
                return HandshakeStatus.NEED_WRAP;
            }
        }
        return handshaking ? HandshakeStatus.NEED_UNWRAP : HandshakeStatus.NOT_HANDSHAKING;
    }

    /** As {@link #handshakeStatus()}, but reports FINISHED once, to the operation that completed the handshake. */
    private HandshakeStatus statusAfterOperation() {
        HandshakeStatus status = handshakeStatus();
        if (finishedPending && status == HandshakeStatus.NOT_HANDSHAKING) {
            finishedPending = false;
            return HandshakeStatus.FINISHED;
        }
        return status;
    }

    /**
     * Queues close_notify (RFC 5246 §7.2.1); the next wrap sends it. Before any handshake, just closes. During a
     * handshake it waits for an unwrap in progress (inbound lock first), so nothing the handshake queues can follow
     * the alerts, and the half-made session is abandoned.
     */
    public void closeOutbound() {
        destroyExporter();
        synchronized (inLock) {
            synchronized (outLock) {
                if (outboundDone || closeQueued) {
                    return;
                }
                if (!started) {
                    outboundDone = true;
                    inboundDone = true;
                    return;
                }
                if (handshaking) {
                    handshaking = false;
                    inboundDone = true;
                    queue = null;
                    releaseHeldChangeCipherSpec();
                    queue().record(ContentType.ALERT,
                            new Alert(AlertLevel.WARNING, AlertDescription.USER_CANCELED).encode());
                }
                queue().record(ContentType.ALERT, new Alert(AlertLevel.WARNING, AlertDescription.CLOSE_NOTIFY).encode());
                closeQueued = true;
            }
        }
    }

    /** Throws TlsException if the peer's close_notify was not received: the data may have been truncated. */
    public void closeInbound() {
        synchronized (inLock) {
            if (inboundDone && (closeNotifyReceived || !started)) {
                inboundDone = true;
                return;
            }
            boolean wasDone = inboundDone;
            inboundDone = true;
            reader.destroyKeys();
            handshaking = false;
            closeOutbound();
            if (!wasDone) {
                throw new TlsException(AlertDescription.INTERNAL_ERROR,
                        "inbound closed before the peer's close_notify was received: possible truncation attack");
            }
        }
    }

    public boolean isInboundDone() {
        return inboundDone;
    }

    public boolean isOutboundDone() {
        return outboundDone;
    }

    /** closeOutbound() was called, a close_notify or fatal alert is queued or sent: no handshake starts now. */
    public boolean isClosing() {
        synchronized (outLock) {
            return closeQueued || outboundDone || inboundDone;
        }
    }

    /** The established session, or null before the first handshake completes. */
    public SessionState session() {
        return session;
    }

    /** Handshakes completed on this connection: 1 after the initial one, one more per renegotiation. */
    public int completedHandshakes() {
        return completedHandshakes;
    }

    /** True when the established session was resumed by an abbreviated handshake (RFC 5246 §7.3). */
    public boolean sessionResumed() {
        return resumed;
    }

    /** The session being negotiated, or null when no handshake is in progress. */
    public SessionState handshakeSession() {
        HandshakeContext ctx = context;
        return handshaking && ctx != null ? ctx.session() : null;
    }

    /**
     * As SunJSSE: the largest record this connection sends (also capped by the maximum packet size) or accepts
     * under the negotiated limits, with room for header, IV, MAC and padding; {@link #maxPacketSize()} without.
     */
    public int packetBufferSize() {
        RecordSizeLimits l = recordSizeLimits;
        int cap = config.recordSizes().maximumPacketSize();
        if (l.isDefault() && cap == 0) {
            return maxPacketSize();
        }
        int sending = l.sendContent() + RecordSizePolicy.PACKET_OVERHEAD;
        return Math.max(cap > 0 ? Math.min(sending, cap) : sending,
                l.receiveContent() + RecordSizePolicy.PACKET_OVERHEAD);
    }

    /** The largest plaintext one record from the peer may carry under the negotiated limits. */
    public int applicationBufferSize() {
        return recordSizeLimits.receiveContent();
    }

    /** This connection's handshakes as they passed: the last few, oldest first (see {@link HandshakeFigure}). */
    public List<HandshakeTrace> handshakeTraces() {
        return trace.handshakes();
    }

    /** Largest record this connection sends or accepts: header + 2^14 + 2048 (RFC 5246 §6.2.3). */
    public static int maxPacketSize() {
        return RecordLimits.MAX_RECORD;
    }

    /** Largest plaintext of one record (RFC 5246 §6.2.1). */
    public static int maxApplicationSize() {
        return RecordLimits.MAX_PLAINTEXT;
    }

    /** The handshake's way out: everything it sends is queued in order. Called with inLock held. */
    private final class Output implements HandshakeOutput {
        /** RFC 5246 §7.2.1: after close_notify nothing else is written. */
        private boolean closing() {
            return closeQueued || outboundDone;
        }

        @Override
        public void handshakeMessage(byte[] encoded) {
            synchronized (outLock) {
                if (!closing()) {
                    releaseHeldChangeCipherSpec();
                    trace.sent(encoded);
                    queue().handshake(encoded);
                }
            }
        }

        @Override
        public void changeCipherSpec(RecordProtection next) {
            synchronized (outLock) {
                if (!closing()) {
                    releaseHeldChangeCipherSpec();
                    queueChangeCipherSpec(next);
                }
            }
        }

        @Override
        public void installWriteProtection(RecordProtection next) {
            synchronized (outLock) {
                if (!closing()) {
                    releaseHeldChangeCipherSpec();
                    queue().keyChange(next);
                    trace.writeKeysChanged();
                }
            }
        }

        @Override
        public void changeCipherSpecBeforeNextFlight(RecordProtection next) {
            synchronized (outLock) {
                if (!closing()) {
                    heldChangeCipherSpec = next;
                }
            }
        }

        @Override
        public void installReadProtection(RecordProtection next) {
            reader.install(next);
            readKeysChanged = true;
            trace.readKeysChanged();
        }

        @Override
        public void skipEarlyData() {
            earlyData = new EarlyDataSkipper();
        }

        @Override
        public void warningAlert(AlertDescription description) {
            synchronized (outLock) {
                if (!closing()) {
                    releaseHeldChangeCipherSpec();
                    queue().record(ContentType.ALERT, new Alert(AlertLevel.WARNING, description).encode());
                }
            }
        }

        @Override
        public void recordSizeLimits(RecordSizeLimits limits) {
            reader.limit(limits);
            synchronized (outLock) {
                writer.limitContent(limits.sendContent());
            }
            recordSizeLimits = limits;
        }

        @Override
        public void versionNegotiated(ProtocolVersion version) {
            tls13 = version.equals(ProtocolVersion.TLS13);
            trace.version(version);
            // RFC 8446 §5.1: TLS 1.3 records carry legacy_record_version 0x0303
            reader.requireVersion(tls13 ? ProtocolVersion.TLS12.code() : version.code());
        }

        @Override
        public void handshakeComplete(SessionState established, SessionOrigin origin,
                List<ExtensionType> serverExtensions, KeyingMaterialExporter next) {
            if (inboundDone) {
                destroy(next);
                return; // closed during the handshake: nothing is established
            }
            if (next != null) {
                synchronized (TlsConnection.this) {
                    destroy(exporter);
                    exporter = next;
                }
            }
            // an idle connection keeps no handshake buffers: application data is decrypted into the caller's
            plaintext = null;
            context = null; // the transcript, randoms and configuration go with it; see handshakeContext()
            if (!(tls13 && config.clientMode())) {
                // only a TLS 1.3 client's later messages use the engine's managers and session store (tickets,
                // post-handshake auth, RFC 8446 §4.6); an idle connection keeps none
                config = config.unbound();
            }
            resumed = origin.resumed();
            session = established;
            completedHandshakes++;
            handshaking = false;
            finishedPending = true;
            trace.completed(established, origin, serverExtensions);
        }

        @Override
        public HandshakeContext renegotiation(RenegotiationContext previous) {
            synchronized (outLock) {
                return nextHandshake(previous);
            }
        }
    }
}
