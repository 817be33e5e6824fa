package dev.xtls.engine;

import dev.xtls.handshake.Established;
import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.message.Alert;
import dev.xtls.record.HandshakeAssembler;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.record.RecordLimits;
import dev.xtls.record.RecordReader;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.AlertLevel;
import dev.xtls.wire.ContentType;
import dev.xtls.wire.TlsException;
import java.nio.ByteBuffer;

/**
 * The reading side of a connection: unwrap, one record at a time, dispatched by type — TLS 1.2 application data,
 * TLS 1.3 records whose type is known once opened, a server's skipped 0-RTT records, and handshake,
 * ChangeCipherSpec and alert records, which drive the handshake state. Its fields are guarded by the inbound lock
 * (the record reader's monitor); it takes the outbound lock only briefly, after it, to flush queued handshake
 * output (see {@link ConnectionState}).
 */
abstract class ConnectionInbound extends ConnectionClosing {
    /** The first plaintext scratch buffer: a resumption's records fit; a full handshake's grow it once or twice. */
    private static final int MIN_PLAINTEXT_BUFFER = 1024;

    // guarded by inLock (with the reader)
    /** Server: the client's 0-RTT records still being skipped (RFC 8446 §4.2.10); null otherwise. */
    EarlyDataSkipper earlyData;
    private HandshakeAssembler assembler; // null while no handshake message is being read
    private InboundFloodGuard floodGuard; // null while nothing is counted: a record with content starts again
    ByteBuffer plaintext; // see plaintextBuffer
    boolean tls13; // the hellos agreed on TLS 1.3 (set by ConnectionOutput)
    boolean readKeysChanged; // the message being handled installed new read keys (set by ConnectionOutput)

    ConnectionInbound(HandshakeConfig config, HandshakeTraceListener traceListener) {
        super(config, traceListener);
    }

    /**
     * The running handshake's context or, on an established connection, one made for a post-handshake message;
     * called with inLock held.
     */
    abstract HandshakeContext handshakeContext();

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
    boolean holdsHandshakeAssembler() {
        return assembler != null;
    }

    boolean holdsFloodGuard() {
        return floodGuard != null;
    }

    /** For tests: the current read keys were wiped. */
    boolean readKeysDestroyed() {
        synchronized (inLock) {
            return reader.keysDestroyed();
        }
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
     * shorter); kept only while handshaking (see {@link ConnectionOutput#handshakeComplete}). Sized to the records
     * that come, not to the largest legal one: a resumption's records are a few hundred bytes, and this was 40 % of
     * the bytes it allocated.
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
}
