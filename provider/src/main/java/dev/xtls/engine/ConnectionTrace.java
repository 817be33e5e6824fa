package dev.xtls.engine;

import dev.xtls.handshake.SessionOrigin;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.session.SessionState;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.ProtocolVersion;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The handshakes of one connection as they pass (RFC figures through {@link HandshakeFigure}): the current one and
 * the {@value #KEPT} before it. Counts each direction's key changes for the TLS 1.3 {@code {}} / {@code []} marks.
 * Mutated with the connection's inbound lock held; {@link #handshakes()} from any thread. Once a handshake
 * completes only its snapshot is kept (issue 13: an idle connection holds no recorder); a message after it (a
 * TLS 1.3 NewSessionTicket or KeyUpdate, RFC 8446 §4.6) is added through a recorder resumed from that snapshot.
 */
final class ConnectionTrace {
    /** Earlier handshakes kept: the initial one and a renegotiation, or a few renegotiations. */
    static final int KEPT = 3;

    private final boolean client;
    private final LongSupplier clock;
    private final HandshakeTraceListener listener;
    private Deque<HandshakeTrace> earlier; // guarded by this; made by the first renegotiation
    private volatile HandshakeRecorder current; // while a handshake runs
    private HandshakeTrace lastCompleted; // guarded by this: instead of current once the handshake completed
    private int readEpoch;
    private int writeEpoch;
    private int number;

    ConnectionTrace(boolean client, LongSupplier clock, HandshakeTraceListener listener) {
        this.client = client;
        this.clock = clock;
        this.listener = listener;
    }

    /** A handshake starts: the initial one or a renegotiation (RFC 5746). */
    void handshakeStarted() {
        synchronized (this) {
            HandshakeRecorder running = current;
            HandshakeTrace previous = running != null ? running.snapshot() : lastCompleted;
            if (previous != null) {
                if (earlier == null) {
                    earlier = new ArrayDeque<>(KEPT + 1); // not 16 slots
                }
                earlier.addLast(previous);
                if (earlier.size() > KEPT) {
                    earlier.removeFirst();
                }
            }
            current = new HandshakeRecorder(++number, client);
            lastCompleted = null;
        }
    }

    void sent(byte[] encoded) {
        if (encoded.length < 4) {
            return;
        }
        // RFC 5246 §7.4: msg_type, a 3-byte length, then the body
        HandshakeType type = new HandshakeType(encoded[0] & 0xFF);
        HandshakeRecorder r = current;
        if (r != null) {
            r.message(true, type, encoded, 4, writeEpoch, clock.getAsLong());
        } else {
            afterHandshake(resumed -> resumed.message(true, type, encoded, 4, writeEpoch, clock.getAsLong()));
        }
    }

    void received(RawHandshakeMessage message) {
        HandshakeRecorder r = current;
        if (r != null) {
            r.message(false, message.type(), message.body(), 0, readEpoch, clock.getAsLong());
        } else {
            afterHandshake(resumed -> resumed.message(false, message.type(), message.body(), 0, readEpoch,
                    clock.getAsLong()));
        }
    }

    void changeCipherSpec(boolean sent) {
        HandshakeRecorder r = current;
        if (r != null) {
            r.changeCipherSpec(sent, clock.getAsLong());
        } else {
            afterHandshake(resumed -> resumed.changeCipherSpec(sent, clock.getAsLong()));
        }
    }

    /** A step after the handshake completed: added to its snapshot through a recorder made for it. */
    private synchronized void afterHandshake(Consumer<HandshakeRecorder> step) {
        HandshakeTrace done = lastCompleted;
        if (done != null) {
            HandshakeRecorder resumed = HandshakeRecorder.resume(done);
            step.accept(resumed);
            lastCompleted = resumed.snapshot();
        }
    }

    void writeKeysChanged() {
        writeEpoch++;
    }

    void readKeysChanged() {
        readEpoch++;
    }

    void version(ProtocolVersion version) {
        HandshakeRecorder r = current;
        if (r != null) {
            r.version(version);
        }
    }

    void completed(SessionState session, SessionOrigin origin, List<ExtensionType> serverExtensions) {
        HandshakeRecorder r = current;
        if (r != null) {
            r.completed(session, origin, serverExtensions);
            HandshakeTrace done = r.snapshot();
            listener.handshakeEnded(done);
            synchronized (this) {
                lastCompleted = done; // before current goes: a reader always finds one of them
                current = null;
            }
        }
    }

    /** A fatal error: reported if it ended a handshake in progress. */
    void failed(boolean handshaking, String reason) {
        HandshakeRecorder r = current;
        if (r != null && handshaking) {
            r.failed(reason);
            listener.handshakeEnded(r.snapshot());
        }
    }

    /** The kept handshakes, oldest first, the current one last; empty before the first handshake starts. */
    List<HandshakeTrace> handshakes() {
        List<HandshakeTrace> all;
        synchronized (this) {
            all = earlier == null ? new ArrayList<>(1) : new ArrayList<>(earlier);
            HandshakeRecorder r = current;
            HandshakeTrace last = r != null ? r.snapshot() : lastCompleted;
            if (last != null) {
                all.add(last);
            }
        }
        return List.copyOf(all);
    }
}
