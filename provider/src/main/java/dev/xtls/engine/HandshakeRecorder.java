package dev.xtls.engine;

import dev.xtls.handshake.SessionOrigin;
import dev.xtls.message.HelloRetryRequest;
import dev.xtls.session.SessionState;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.ProtocolVersion;
import java.util.Arrays;
import java.util.List;

/**
 * Writes down one handshake as its messages pass: a name and a key epoch per message; when it completes, what the
 * handshake itself decoded (the server's extensions, how the session came about), so no message is read twice.
 * Called with the connection's inbound lock held; {@link #snapshot()} from any thread.
 */
final class HandshakeRecorder {
    /** Steps kept per handshake: a full TLS 1.3 handshake with client auth has 12; the rest are counted only. */
    static final int MAX_STEPS = 48;
    private static final int INITIAL_STEPS = 12;

    static final String CHANGE_CIPHER_SPEC = HandshakeSteps.CHANGE_CIPHER_SPEC_NAME;
    private static final int NEW_SESSION_TICKET = HandshakeType.NEW_SESSION_TICKET.code();
    private static final byte[] HELLO_RETRY_RANDOM = HelloRetryRequest.RANDOM.toByteArray(); // never written
    private static final int RANDOM_OFFSET = 2; // RFC 8446 §4.1.3: the random follows legacy_version
    private static final int RANDOM_LENGTH = 32;
    private static final int[] NO_EXTENSIONS = {};

    private final int number;
    private final boolean client;
    private int[] steps = new int[INITIAL_STEPS]; // HandshakeSteps.pack values; a snapshot copies them
    private int stepCount;
    private HandshakeTrace snapshot; // the last snapshot while nothing changed since: the session shares it
    private ProtocolVersion version;
    private int omitted;
    private int establishedAfter = -1;
    private HandshakeTrace.Negotiated negotiated; // its serverExtensions are in extensionCodes
    private int[] extensionCodes = NO_EXTENSIONS;
    private String failure;
    private long first;
    private long last;

    HandshakeRecorder(int number, boolean client) {
        this.number = number;
        this.client = client;
    }

    /**
     * A completed handshake's recorder again, made from its last snapshot for a message after it (RFC 8446 §4.6):
     * an idle connection keeps the snapshot only.
     */
    static HandshakeRecorder resume(HandshakeTrace done) {
        HandshakeRecorder r = new HandshakeRecorder(done.number(), done.client());
        r.steps = done.packedSteps();
        r.stepCount = r.steps.length;
        r.snapshot = done;
        r.version = done.version();
        r.omitted = done.omittedSteps();
        r.establishedAfter = done.establishedAfter();
        r.negotiated = done.negotiated();
        r.extensionCodes = done.serverExtensionCodes();
        r.failure = done.failure();
        r.first = done.firstMillis();
        r.last = done.lastMillis();
        return r;
    }

    /**
     * A handshake message; {@code encoded} holds it from {@code bodyOffset} on, read only to tell a
     * HelloRetryRequest from a ServerHello.
     */
    synchronized void message(boolean sent, HandshakeType type, byte[] encoded, int bodyOffset, int keyEpoch,
            long now) {
        int message = isHelloRetryRequest(type, encoded, bodyOffset) ? HandshakeSteps.HELLO_RETRY_REQUEST
                : type.code();
        step(sent, message, keyEpoch, now);
    }

    synchronized void changeCipherSpec(boolean sent, long now) {
        step(sent, HandshakeSteps.CHANGE_CIPHER_SPEC, 0, now);
    }

    synchronized void version(ProtocolVersion negotiatedVersion) {
        version = negotiatedVersion;
        snapshot = null;
    }

    private void step(boolean sent, int message, int keyEpoch, long now) {
        if (stepCount == 0 && omitted == 0) {
            first = now;
        }
        last = now;
        snapshot = null;
        if (stepCount < MAX_STEPS) {
            if (stepCount == steps.length) {
                steps = Arrays.copyOf(steps, Math.min(MAX_STEPS, Math.max(INITIAL_STEPS, 2 * stepCount)));
            }
            steps[stepCount++] = HandshakeSteps.pack(sent == client, message, keyEpoch);
        } else {
            omitted++;
        }
    }

    /** {@code serverExtensions}: of ServerHello and EncryptedExtensions, as the handshake decoded them. */
    synchronized void completed(SessionState session, SessionOrigin origin, List<ExtensionType> serverExtensions) {
        version = session.version();
        snapshot = null;
        establishedAfter = stepCount;
        while (ProtocolVersion.TLS13.equals(version) && establishedAfter > 0
                && HandshakeSteps.message(steps[establishedAfter - 1]) == NEW_SESSION_TICKET) {
            establishedAfter--; // RFC 8446 §4.6.1: a server's tickets are post-handshake, even when sent at once
        }
        extensionCodes = serverExtensions.stream().mapToInt(ExtensionType::code).toArray();
        negotiated = new HandshakeTrace.Negotiated(session.cipherSuite().name(),
                session.group() == null ? null : session.group().name(),
                session.peerSignatureScheme() == null ? null : session.peerSignatureScheme().name(),
                session.applicationProtocol(), List.of(), sessionKind(origin));
    }

    /** RFC 5077 §3.1 / RFC 5246 §7.3 / RFC 8446 §2.2: how this handshake came by its session. */
    private static String sessionKind(SessionOrigin origin) {
        return switch (origin) {
            case NEW -> "new (full handshake)";
            case SESSION_ID -> "resumed by session id (RFC 5246 §7.3)";
            case TICKET -> "resumed by ticket (RFC 5077)";
            case PSK -> "resumed with a PSK from a ticket (RFC 8446 §2.2)";
        };
    }

    synchronized void failed(String reason) {
        if (failure == null && establishedAfter < 0) {
            failure = reason;
            snapshot = null;
        }
    }

    synchronized HandshakeTrace snapshot() {
        if (snapshot == null) {
            // one trimmed array per snapshot: the steps, then the server's extensions
            int[] packed = Arrays.copyOf(steps, stepCount + extensionCodes.length);
            System.arraycopy(extensionCodes, 0, packed, stepCount, extensionCodes.length);
            snapshot = new HandshakeTrace(number, client, version, packed, stepCount, establishedAfter, omitted,
                    negotiated, failure, first, last);
        }
        return snapshot;
    }

    /** RFC 8446 §4.1.3: a HelloRetryRequest is a ServerHello with a fixed random after legacy_version. */
    private static boolean isHelloRetryRequest(HandshakeType type, byte[] encoded, int bodyOffset) {
        int from = bodyOffset + RANDOM_OFFSET;
        return type.equals(HandshakeType.SERVER_HELLO) && encoded.length >= from + RANDOM_LENGTH
                && Arrays.equals(encoded, from, from + RANDOM_LENGTH, HELLO_RETRY_RANDOM, 0, RANDOM_LENGTH);
    }
}
