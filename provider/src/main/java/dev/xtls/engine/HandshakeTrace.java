package dev.xtls.engine;

import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One handshake of a connection as it passed: the messages in order, then what it negotiated or why it failed.
 * Immutable; {@link HandshakeFigure} draws it the way the RFCs do. Read as a record of number, client, version,
 * steps, establishedAfter, omittedSteps, negotiated, failure, firstMillis and lastMillis; kept as one object over one
 * int array (issue 13: an idle connection's trace): the steps packed as {@link HandshakeSteps} does, then the codes
 * of the server's extensions. {@link #steps()} and {@link #negotiated()} are views made when read.
 */
public final class HandshakeTrace {
    private final int number;
    private final boolean client;
    private final ProtocolVersion version;
    private final int[] packed; // stepCount packed steps, then the server's extension codes
    private final int stepCount;
    private final int establishedAfter;
    private final int omittedSteps;
    private final String cipherSuite; // this and the next four: the Negotiated parts; session null when none
    private final String group;
    private final String peerSignatureScheme;
    private final String applicationProtocol;
    private final String session;
    private final String failure;
    private final long firstMillis;
    private final long lastMillis;

    /**
     * @param number 1 for the connection's first handshake, one more per renegotiation
     * @param client whether this side was the client
     * @param version the negotiated version, null before ServerHello
     * @param steps the messages sent and received, in order, at most {@value HandshakeRecorder#MAX_STEPS}; named
     *              as {@link Step#message()} names them
     * @param establishedAfter how many steps came before the handshake completed; -1 while it has not
     * @param omittedSteps steps left out past the limit (a long-lived connection's KeyUpdates, tickets)
     * @param negotiated what the handshake agreed on; null unless it completed
     * @param failure why the handshake failed; null unless it did
     * @param firstMillis when the first message passed, by the connection's clock
     * @param lastMillis when the last message passed
     */
    public HandshakeTrace(int number, boolean client, ProtocolVersion version, List<Step> steps,
            int establishedAfter, int omittedSteps, Negotiated negotiated, String failure, long firstMillis,
            long lastMillis) {
        this(number, client, version, pack(steps, negotiated), steps.size(), establishedAfter, omittedSteps,
                negotiated, failure, firstMillis, lastMillis);
    }

    /**
     * {@code packed}: {@code stepCount} packed steps, then the server's extension codes, owned from now on; of
     * {@code negotiated} only the names and the session are read (its extensions are the codes).
     */
    HandshakeTrace(int number, boolean client, ProtocolVersion version, int[] packed, int stepCount,
            int establishedAfter, int omittedSteps, Negotiated negotiated, String failure, long firstMillis,
            long lastMillis) {
        this.number = number;
        this.client = client;
        this.version = version;
        this.packed = packed;
        this.stepCount = stepCount;
        this.establishedAfter = establishedAfter;
        this.omittedSteps = omittedSteps;
        this.cipherSuite = negotiated == null ? null : negotiated.cipherSuite();
        this.group = negotiated == null ? null : negotiated.group();
        this.peerSignatureScheme = negotiated == null ? null : negotiated.peerSignatureScheme();
        this.applicationProtocol = negotiated == null ? null : negotiated.applicationProtocol();
        this.session = negotiated == null ? null : Objects.requireNonNull(negotiated.session(), "session");
        this.failure = failure;
        this.firstMillis = firstMillis;
        this.lastMillis = lastMillis;
    }

    private static int[] pack(List<Step> steps, Negotiated negotiated) {
        List<String> extensions = negotiated == null ? List.of() : negotiated.serverExtensions();
        int[] packed = new int[steps.size() + extensions.size()];
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            packed[i] = HandshakeSteps.pack(s.fromClient(), HandshakeSteps.code(s.message()), s.keyEpoch());
        }
        for (int i = 0; i < extensions.size(); i++) {
            String name = extensions.get(i);
            packed[steps.size() + i] = ExtensionType.named(name)
                    .orElseThrow(() -> new IllegalArgumentException("not an extension type: " + name)).code();
        }
        return packed;
    }

    /** A copy of the packed steps, for a recorder resumed from this trace. */
    int[] packedSteps() {
        return Arrays.copyOf(packed, stepCount);
    }

    /** A copy of the server's extension codes, for a recorder resumed from this trace. */
    int[] serverExtensionCodes() {
        return Arrays.copyOfRange(packed, stepCount, packed.length);
    }

    public int number() {
        return number;
    }

    public boolean client() {
        return client;
    }

    public ProtocolVersion version() {
        return version;
    }

    public List<Step> steps() {
        return new HandshakeSteps(packed, stepCount);
    }

    public int establishedAfter() {
        return establishedAfter;
    }

    public int omittedSteps() {
        return omittedSteps;
    }

    /** What the handshake agreed on; null unless it completed. */
    public Negotiated negotiated() {
        if (session == null) {
            return null;
        }
        List<String> extensions = new ArrayList<>(packed.length - stepCount);
        for (int i = stepCount; i < packed.length; i++) {
            extensions.add(new ExtensionType(packed[i]).name());
        }
        return new Negotiated(cipherSuite, group, peerSignatureScheme, applicationProtocol, extensions, session);
    }

    public String failure() {
        return failure;
    }

    public long firstMillis() {
        return firstMillis;
    }

    public long lastMillis() {
        return lastMillis;
    }

    public boolean completed() {
        return establishedAfter >= 0;
    }

    /** As a record's: equal when every component is. */
    @Override
    public boolean equals(Object o) {
        return o instanceof HandshakeTrace t && number == t.number && client == t.client
                && Objects.equals(version, t.version) && stepCount == t.stepCount && Arrays.equals(packed, t.packed)
                && establishedAfter == t.establishedAfter && omittedSteps == t.omittedSteps
                && Objects.equals(negotiated(), t.negotiated()) && Objects.equals(failure, t.failure)
                && firstMillis == t.firstMillis && lastMillis == t.lastMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(number, client, version, steps(), establishedAfter, omittedSteps, negotiated(), failure,
                firstMillis, lastMillis);
    }

    @Override
    public String toString() {
        return "HandshakeTrace[number=" + number + ", client=" + client + ", version=" + version + ", steps="
                + steps() + ", establishedAfter=" + establishedAfter + ", omittedSteps=" + omittedSteps
                + ", negotiated=" + negotiated() + ", failure=" + failure + ", firstMillis=" + firstMillis
                + ", lastMillis=" + lastMillis + "]";
    }

    /**
     * One message or ChangeCipherSpec.
     *
     * @param fromClient sent by the client
     * @param message its name as the RFC figures write it (ClientHello, HelloRetryRequest, ChangeCipherSpec, ...)
     * @param keyEpoch TLS 1.3: 0 unprotected, 1 under handshake keys, 2 or more under application keys
     */
    public record Step(boolean fromClient, String message, int keyEpoch) {
    }

    /**
     * @param session new, resumed by session id, by ticket, or with a PSK
     * @param serverExtensions the extensions of ServerHello (and EncryptedExtensions in TLS 1.3), in order
     */
    public record Negotiated(String cipherSuite, String group, String peerSignatureScheme, String applicationProtocol,
            List<String> serverExtensions, String session) {

        public Negotiated {
            serverExtensions = List.copyOf(serverExtensions);
        }
    }
}
