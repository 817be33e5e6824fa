package dev.xtls.testing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * Pumps a client and a server {@link SSLEngine} (any providers) against each other in memory, single-threaded
 * and deterministic. Every operation is bounded: when a full round gives neither side anything to do, it fails
 * with the state of both sides instead of hanging.
 *
 * <p>Each wrap/unwrap result is recorded as a {@link Step} (runs of identical results are collapsed into one step
 * with a {@code times} count). Contract violations seen on the way — bytesConsumed/bytesProduced not matching the
 * buffers, a buffer status with bytes moved, unwrap of a partial record not reporting BUFFER_UNDERFLOW, wrap
 * reporting BUFFER_UNDERFLOW — fail the operation (unless {@link Builder#lenient()}), and
 * {@link #assertLegalResults()} checks the whole log afterwards (FINISHED exactly once per side and handshake).
 *
 * <p>Not thread-safe; one instance per connection pair.
 */
public final class EnginePair {

    /** How network bytes and buffers are handed to the engines. */
    public enum Mode {
        /** Buffers sized from the session's packet/application buffer sizes; all available bytes fed at once. */
        NORMAL,
        /** Network bytes are handed over one at a time: each partial record must yield BUFFER_UNDERFLOW. */
        ONE_BYTE_AT_A_TIME,
        /** All buffers start at one byte and double on BUFFER_OVERFLOW / full-buffer BUFFER_UNDERFLOW. */
        TINY_BUFFERS
    }

    public enum Op { WRAP, UNWRAP }

    public enum Phase { HANDSHAKE, TRANSFER, RENEGOTIATE, CLOSE }

    /** One recorded engine result; {@code times} identical results in a row from the same side. */
    public record Step(int index, Phase phase, Role side, Op op, Status status, HandshakeStatus handshakeStatus,
            int bytesConsumed, int bytesProduced, int times) {

        boolean sameResult(Step o) {
            return phase == o.phase && side == o.side && op == o.op && status == o.status
                    && handshakeStatus == o.handshakeStatus && bytesConsumed == o.bytesConsumed
                    && bytesProduced == o.bytesProduced;
        }

        @Override
        public String toString() {
            return "#" + index + " " + side + " " + op + " " + status + "/" + handshakeStatus + " consumed="
                    + bytesConsumed + " produced=" + bytesProduced + (times > 1 ? " x" + times : "");
        }
    }

    /**
     * Why a handshake or transfer failed: each side's first SSLException (null if it threw none) and the alert
     * each side received (null if none; see {@link EnginePair#receivedAlert}).
     */
    public record Failure(SSLException client, SSLException server, String alertReceivedByClient,
            String alertReceivedByServer) {

        public Optional<SSLException> of(Role side) {
            return Optional.ofNullable(side == Role.CLIENT ? client : server);
        }

        public Optional<String> alertReceivedBy(Role side) {
            return Optional.ofNullable(side == Role.CLIENT ? alertReceivedByClient : alertReceivedByServer);
        }
    }

    public static final class Builder {
        private final SSLEngine client;
        private final SSLEngine server;
        private Mode mode = Mode.NORMAL;
        private boolean strict = true;
        private final Map<Role, UnaryOperator<ByteBuffer>> interceptors = new EnumMap<>(Role.class);

        private Builder(SSLEngine client, SSLEngine server) {
            this.client = client;
            this.server = server;
        }

        public Builder mode(Mode m) {
            this.mode = m;
            return this;
        }

        /**
         * Rewrites every complete TLS record sent by {@code from} before the peer sees it. The operator gets a
         * writable copy of one record (header included) and returns what goes on the wire instead: the same
         * buffer, a different one (several records, garbage), or null/empty to drop it.
         */
        public Builder intercept(Role from, UnaryOperator<ByteBuffer> perRecord) {
            interceptors.put(from, perRecord);
            return this;
        }

        /** Record contract violations (see {@link #violations()}) instead of failing on them. */
        public Builder lenient() {
            this.strict = false;
            return this;
        }

        public EnginePair build() {
            return new EnginePair(this);
        }
    }

    private static final int SHOWN_STEPS = 16;

    private final EngineEnd client;
    private final EngineEnd server;
    private final Mode mode;
    private final boolean strict;
    private final EnginePump pump;
    private boolean handshakeStarted;
    private boolean handshakeDone;

    private EnginePair(Builder b) {
        if (!b.client.getUseClientMode() || b.server.getUseClientMode()) {
            throw new IllegalArgumentException("first engine must be in client mode, second in server mode");
        }
        this.mode = b.mode;
        this.strict = b.strict;
        this.client = new EngineEnd(Role.CLIENT, b.client, b.interceptors.get(Role.CLIENT));
        this.server = new EngineEnd(Role.SERVER, b.server, b.interceptors.get(Role.SERVER));
        for (EngineEnd e : List.of(client, server)) {
            SSLSession s = e.engine.getSession();
            e.netOut = ByteBuffer.allocate(initial(s.getPacketBufferSize()));
            e.netIn = ByteBuffer.allocate(initial(s.getPacketBufferSize()));
            e.appIn = ByteBuffer.allocate(initial(s.getApplicationBufferSize()));
        }
        this.pump = new EnginePump(client, server, mode, strict, this::describe);
    }

    public static Builder builder(SSLEngine client, SSLEngine server) {
        return new Builder(client, server);
    }

    public static EnginePair of(SSLEngine client, SSLEngine server, Mode mode) {
        return builder(client, server).mode(mode).build();
    }

    private int initial(int sessionSize) {
        return mode == Mode.TINY_BUFFERS ? 1 : sessionSize;
    }

    // ---- operations ----------------------------------------------------------------------------------------------

    /** Runs the initial handshake to completion on both sides; fails with both sides' state otherwise. */
    public void handshake() {
        Optional<Failure> f = runHandshake();
        if (f.isPresent()) {
            throw new AssertionError("handshake failed\n" + describe(), cause(f.get()));
        }
    }

    /** Runs the handshake expecting it to fail; returns the failure (alerts have been delivered both ways). */
    public Failure expectHandshakeFailure() {
        Optional<Failure> f = runHandshake();
        checkViolations("handshake");
        return f.orElseThrow(() -> new AssertionError("handshake completed but was expected to fail\n"
                + describe()));
    }

    private Optional<Failure> runHandshake() {
        if (handshakeStarted) {
            throw new IllegalStateException("handshake already run (renegotiate() runs another)");
        }
        handshakeStarted = true;
        pump.phase = Phase.HANDSHAKE;
        for (EngineEnd e : List.of(client, server)) {
            try {
                e.engine.beginHandshake();
            } catch (SSLException x) {
                e.fail(x);
            }
        }
        boolean done = pump.run("handshake", this::handshakeComplete, 5_000_000L);
        if (anyFailure()) {
            return Optional.of(failure());
        }
        if (!done) {
            throw new AssertionError("handshake made no progress\n" + describe());
        }
        checkViolations("handshake");
        handshakeDone = true;
        return Optional.empty();
    }

    /**
     * Sends {@code clientToServer} and {@code serverToClient} at the same time (handshaking first if needed) and
     * checks that exactly these bytes arrive.
     */
    public void transfer(byte[] clientToServer, byte[] serverToClient) {
        Optional<Failure> f = runTransfer(clientToServer, serverToClient);
        if (f.isPresent()) {
            throw new AssertionError("transfer failed\n" + describe(), cause(f.get()));
        }
    }

    /** Like {@link #transfer} but expects an engine to fail (e.g. after tampering); returns the failure. */
    public Failure expectTransferFailure(byte[] clientToServer, byte[] serverToClient) {
        return runTransfer(clientToServer, serverToClient).orElseThrow(
                () -> new AssertionError("transfer succeeded but was expected to fail\n" + describe()));
    }

    private Optional<Failure> runTransfer(byte[] c2s, byte[] s2c) {
        if (!handshakeDone) {
            handshake();
        }
        pump.phase = Phase.TRANSFER;
        client.appOut = ByteBuffer.wrap(c2s.clone());
        server.appOut = ByteBuffer.wrap(s2c.clone());
        client.received.reset();
        server.received.reset();
        long budget = 4L * (c2s.length + s2c.length) + 1_000_000L;
        boolean done = pump.run("transfer", () -> client.received.size() >= s2c.length
                && server.received.size() >= c2s.length && !client.appOut.hasRemaining()
                && !server.appOut.hasRemaining() && client.quiet() && server.quiet(), budget);
        if (anyFailure()) {
            return Optional.of(failure());
        }
        if (!done) {
            throw new AssertionError("transfer made no progress\n" + describe());
        }
        checkReceived("server", c2s, server.received.toByteArray());
        checkReceived("client", s2c, client.received.toByteArray());
        checkViolations("transfer");
        return Optional.empty();
    }

    /**
     * {@code initiator} calls beginHandshake on its established engine; both sides go on sending
     * {@code clientToServer} and {@code serverToClient} while the new handshake runs, until the bytes arrived and
     * neither side is handshaking. Checks that exactly these bytes arrive.
     */
    public void renegotiate(Role initiator, byte[] clientToServer, byte[] serverToClient) {
        Optional<Failure> f = runRenegotiation(initiator, clientToServer, serverToClient);
        if (f.isPresent()) {
            throw new AssertionError("renegotiation failed\n" + describe(), cause(f.get()));
        }
    }

    /** Like {@link #renegotiate} but expects an engine to fail; returns the failure. */
    public Failure expectRenegotiationFailure(Role initiator, byte[] clientToServer, byte[] serverToClient) {
        return runRenegotiation(initiator, clientToServer, serverToClient).orElseThrow(
                () -> new AssertionError("renegotiation succeeded but was expected to fail\n" + describe()));
    }

    private Optional<Failure> runRenegotiation(Role initiator, byte[] c2s, byte[] s2c) {
        if (!handshakeDone) {
            handshake();
        }
        pump.phase = Phase.RENEGOTIATE;
        try {
            end(initiator).engine.beginHandshake();
        } catch (SSLException x) {
            end(initiator).fail(x);
        }
        client.appOut = ByteBuffer.wrap(c2s.clone());
        server.appOut = ByteBuffer.wrap(s2c.clone());
        client.received.reset();
        server.received.reset();
        long budget = 4L * (c2s.length + s2c.length) + 1_000_000L;
        boolean done = pump.run("renegotiation", () -> client.received.size() >= s2c.length
                && server.received.size() >= c2s.length && !client.appOut.hasRemaining()
                && !server.appOut.hasRemaining() && client.quiet() && server.quiet()
                && client.engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING
                && server.engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING, budget);
        if (anyFailure()) {
            return Optional.of(failure());
        }
        if (!done) {
            throw new AssertionError("renegotiation made no progress\n" + describe());
        }
        checkReceived("server", c2s, server.received.toByteArray());
        checkReceived("client", s2c, client.received.toByteArray());
        checkViolations("renegotiation");
        return Optional.empty();
    }

    /** The client sends close_notify, the server answers; asserts all four inbound/outbound-done flags. */
    public void closeBoth() {
        close(Role.CLIENT);
    }

    /** {@code initiator} closes outbound first; the other side closes when it sees close_notify (as apps do). */
    public void close(Role initiator) {
        pump.phase = Phase.CLOSE;
        EngineEnd first = end(initiator);
        first.engine.closeOutbound();
        first.closeRequested = true;
        boolean done = pump.run("close", () -> allDone(client) && allDone(server) && client.quiet() && server.quiet(),
                100_000L + 4L * (client.toPeer.size() + server.toPeer.size()));
        if (anyFailure()) {
            throw new AssertionError("close failed\n" + describe(), cause(failure()));
        }
        if (!done) {
            throw new AssertionError("close did not complete (inbound/outbound done flags)\n" + describe());
        }
        checkViolations("close");
    }

    // ---- inspection ----------------------------------------------------------------------------------------------

    public SSLEngine engine(Role side) {
        return end(side).engine;
    }

    public Mode mode() {
        return mode;
    }

    /** All steps of both sides in call order. */
    public List<Step> steps() {
        List<Step> all = new ArrayList<>(client.steps);
        all.addAll(server.steps);
        all.sort(Comparator.comparingInt(Step::index));
        return List.copyOf(all);
    }

    public List<Step> steps(Role side) {
        return List.copyOf(end(side).steps);
    }

    /** How many results of {@code side} carried {@code hs} (counting collapsed repeats). */
    public int count(Role side, HandshakeStatus hs) {
        return end(side).steps.stream().filter(s -> s.handshakeStatus() == hs).mapToInt(Step::times).sum();
    }

    /** How many results of {@code side} for {@code op} had {@code status} (counting collapsed repeats). */
    public int count(Role side, Op op, Status status) {
        return end(side).steps.stream().filter(s -> s.op() == op && s.status() == status)
                .mapToInt(Step::times).sum();
    }

    /** Delegated tasks run for {@code side}. */
    public int tasksRun(Role side) {
        return end(side).tasksRun;
    }

    /** Bytes that arrived for {@code side} after its inbound side was done during close, and were dropped. */
    public int discardedAfterClose(Role side) {
        return end(side).discardedAfterClose;
    }

    /** Every byte {@code from} put on the wire (after interception). */
    public byte[] wire(Role from) {
        return end(from).wire.toByteArray();
    }

    /** {@link #wire} split into TLS records. */
    public List<WireRecord> records(Role from) {
        return WireRecord.split(wire(from));
    }

    /** Alerts {@code from} sent in plaintext (before encryption started), as RFC names, in order. */
    public List<String> plaintextAlerts(Role from) {
        List<String> out = new ArrayList<>();
        for (WireRecord r : records(from)) {
            byte[] f = r.fragment();
            if (r.contentType() == WireRecord.ALERT && f.length == 2) {
                out.add(TlsAlerts.name(f[1] & 0xff));
            }
        }
        return out;
    }

    public Optional<SSLException> failure(Role side) {
        return Optional.ofNullable(end(side).failure);
    }

    /**
     * The fatal alert {@code side} received, e.g. "bad_certificate": named by its exception ("Received fatal
     * alert: ..."), or else the last plaintext alert its peer put on the wire (BCJSSE closes without throwing
     * when it receives an alert). An encrypted alert that the side did not report is not found.
     */
    public Optional<String> receivedAlert(Role side) {
        Optional<String> named = failure(side).flatMap(TlsAlerts::receivedIn);
        if (named.isPresent()) {
            return named;
        }
        List<String> sent = plaintextAlerts(side.peer());
        sent.removeIf("close_notify"::equals);
        return sent.isEmpty() ? Optional.empty() : Optional.of(sent.get(sent.size() - 1));
    }

    /** Contract violations seen so far (only non-empty in lenient mode: strict mode fails on the first). */
    public List<String> violations() {
        return List.copyOf(pump.violations);
    }

    /**
     * Checks the recorded results: buffer statuses move no bytes; wrap never underflows; FINISHED is reported
     * exactly once per side for the handshake; nothing but NOT_HANDSHAKING while transferring data.
     */
    public void assertLegalResults() {
        List<String> problems = new ArrayList<>(pump.violations);
        for (Step s : steps()) {
            boolean bufferStatus = s.status() == Status.BUFFER_OVERFLOW || s.status() == Status.BUFFER_UNDERFLOW;
            if (bufferStatus && (s.bytesConsumed() != 0 || s.bytesProduced() != 0)) {
                problems.add("buffer status moved bytes: " + s);
            }
            if (s.op() == Op.WRAP && s.status() == Status.BUFFER_UNDERFLOW) {
                problems.add("wrap returned BUFFER_UNDERFLOW: " + s);
            }
            if (s.phase() == Phase.TRANSFER && s.handshakeStatus() != HandshakeStatus.NOT_HANDSHAKING) {
                problems.add("handshake status during data transfer: " + s);
            }
        }
        if (handshakeDone) {
            for (EngineEnd e : List.of(client, server)) {
                if (e.finished != 1) {
                    problems.add(e.role + " reported FINISHED " + e.finished + " times (expected exactly once)");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("illegal engine results:\n  " + String.join("\n  ", problems) + "\n"
                    + describe());
        }
    }

    /** Both sides' engine state, failures and last steps: for failure messages. */
    public String describe() {
        StringBuilder sb = new StringBuilder("mode=").append(mode).append(" phase=").append(pump.phase).append('\n');
        for (EngineEnd e : List.of(client, server)) {
            SSLEngine en = e.engine;
            sb.append("  ").append(e.role).append(' ').append(en.getClass().getName())
                    .append(": hs=").append(en.getHandshakeStatus())
                    .append(" inboundDone=").append(en.isInboundDone())
                    .append(" outboundDone=").append(en.isOutboundDone())
                    .append(" finished=").append(e.finished)
                    .append(" appOutLeft=").append(e.appOut.remaining())
                    .append(" received=").append(e.received.size())
                    .append(" netInBuffered=").append(e.netIn.position())
                    .append(" inFlightToPeer=").append(e.toPeer.size() + e.pendingRecord.size())
                    .append(" tasks=").append(e.tasksRun)
                    .append(" discardedAfterClose=").append(e.discardedAfterClose).append('\n');
            if (e.failure != null) {
                sb.append("    failure: ").append(e.failure).append('\n');
            }
            for (Throwable t : e.laterFailures) {
                sb.append("    later: ").append(t).append('\n');
            }
            List<Step> s = e.steps;
            for (Step st : s.subList(Math.max(0, s.size() - SHOWN_STEPS), s.size())) {
                sb.append("    ").append(st).append('\n');
            }
        }
        for (String v : pump.violations) {
            sb.append("  violation: ").append(v).append('\n');
        }
        return sb.toString();
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private boolean handshakeComplete() {
        return !anyFailure() && client.quiet() && server.quiet()
                && client.engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING
                && server.engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
    }

    private static boolean allDone(EngineEnd e) {
        return e.engine.isInboundDone() && e.engine.isOutboundDone();
    }

    private boolean anyFailure() {
        return client.failure != null || server.failure != null;
    }

    private Failure failure() {
        return new Failure(client.failure, server.failure, receivedAlert(Role.CLIENT).orElse(null),
                receivedAlert(Role.SERVER).orElse(null));
    }

    private static Throwable cause(Failure f) {
        return f.client() != null ? f.client() : f.server();
    }

    private void checkViolations(String what) {
        if (strict && !pump.violations.isEmpty()) {
            throw new AssertionError(what + ": engine contract violated\n" + describe());
        }
    }

    private void checkReceived(String who, byte[] expected, byte[] actual) {
        if (!Arrays.equals(expected, actual)) {
            int i = Arrays.mismatch(expected, actual);
            throw new AssertionError(who + " received " + actual.length + " bytes, expected " + expected.length
                    + "; first difference at offset " + i + "\n" + describe());
        }
    }

    private EngineEnd end(Role side) {
        return side == Role.CLIENT ? client : server;
    }
}
