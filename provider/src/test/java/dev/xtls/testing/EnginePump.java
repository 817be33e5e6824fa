package dev.xtls.testing;

import dev.xtls.testing.EnginePair.Mode;
import dev.xtls.testing.EnginePair.Op;
import dev.xtls.testing.EnginePair.Phase;
import dev.xtls.testing.EnginePair.Step;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * The mechanics behind {@link EnginePair}: one round lets each side run its delegated tasks, wrap, take network
 * bytes from its peer and unwrap; results are recorded and checked against the SSLEngine contract as they come.
 */
final class EnginePump {

    private static final int MAX_BUFFER = 1 << 22;
    private static final int IDLE_ROUNDS = 3;
    private static final int CALLS_PER_TURN = 64;

    final EngineEnd client;
    final EngineEnd server;
    final Mode mode;
    final boolean strict;
    final List<String> violations = new ArrayList<>();
    Phase phase = Phase.HANDSHAKE;
    private int stepCount;
    private final Supplier<String> describe;

    EnginePump(EngineEnd client, EngineEnd server, Mode mode, boolean strict, Supplier<String> describe) {
        this.client = client;
        this.server = server;
        this.mode = mode;
        this.strict = strict;
        this.describe = describe;
    }

    /**
     * Rounds until {@code done}; false once {@value #IDLE_ROUNDS} rounds in a row moved nothing (nothing can change
     * any more: the pump is single-threaded and deterministic).
     */
    boolean run(String what, BooleanSupplier done, long maxRounds) {
        int idle = 0;
        for (long round = 0; round < maxRounds; round++) {
            if (done.getAsBoolean()) {
                return true;
            }
            boolean progress = turn(client);
            progress |= turn(server);
            if (strict && !violations.isEmpty()) {
                throw new AssertionError(what + ": engine contract violated\n" + describe.get());
            }
            if (progress) {
                idle = 0;
            } else if (++idle >= IDLE_ROUNDS) {
                return false;
            }
        }
        throw new AssertionError(what + ": not done after " + maxRounds + " rounds\n" + describe.get());
    }

    private boolean turn(EngineEnd e) {
        if (e.dead) {
            return false;
        }
        boolean progress = runTasks(e);
        progress |= wrapAll(e);
        progress |= feed(e);
        progress |= unwrapAll(e);
        if (phase == Phase.CLOSE && !e.closeRequested && e.engine.isInboundDone()) {
            e.engine.closeOutbound(); // what an application does on unwrap CLOSED
            e.closeRequested = true;
            progress = true;
        }
        return progress;
    }

    private boolean runTasks(EngineEnd e) {
        boolean ran = false;
        for (Runnable t = e.engine.getDelegatedTask(); t != null; t = e.engine.getDelegatedTask()) {
            t.run();
            e.tasksRun++;
            ran = true;
        }
        return ran;
    }

    private boolean shouldWrap(EngineEnd e) {
        if (e.dead || e.engine.isOutboundDone()) {
            return false;
        }
        HandshakeStatus hs = e.engine.getHandshakeStatus();
        if (hs == HandshakeStatus.NEED_WRAP) {
            return true;
        }
        // while renegotiating an application goes on writing (RFC 5246 §7.4.1.1); the engine decides what goes out
        boolean renegotiating = phase == Phase.RENEGOTIATE && hs == HandshakeStatus.NEED_UNWRAP;
        if (e.failure != null || hs != HandshakeStatus.NOT_HANDSHAKING && !renegotiating) {
            return false;
        }
        return e.appOut.hasRemaining() || e.closeRequested;
    }

    private boolean wrapAll(EngineEnd e) {
        boolean progress = false;
        for (int i = 0; i < CALLS_PER_TURN && shouldWrap(e); i++) {
            ByteBuffer src = e.appOut;
            ByteBuffer dst = e.netOut;
            int sp = src.position();
            SSLEngineResult r;
            try {
                r = e.engine.wrap(src, dst);
            } catch (SSLException x) {
                e.fail(x);
                return true;
            } catch (RuntimeException x) {
                throw new AssertionError(e.role + " wrap threw " + x + "\n" + describe.get(), x);
            }
            record(e, Op.WRAP, r, src.position() - sp, dst.position());
            progress |= r.bytesConsumed() > 0 || r.bytesProduced() > 0;
            if (r.getStatus() == Status.BUFFER_OVERFLOW) {
                e.overflows++;
                e.netOut = grow(e, e.netOut, packetSize(e), "wrap output");
                progress = true;
                continue;
            }
            dst.flip();
            deliver(e, dst);
            dst.clear();
            if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                runTasks(e);
                progress = true;
            }
            if (r.getStatus() != Status.OK || (r.bytesConsumed() == 0 && r.bytesProduced() == 0)) {
                break;
            }
        }
        return progress;
    }

    private boolean feed(EngineEnd e) {
        ByteQueue from = peer(e).toPeer;
        if (phase == Phase.CLOSE && e.engine.isInboundDone() && from.size() > 0) {
            // An engine may close both directions once it sent close_notify (RFC 5246 §7.2.1 lets the initiator
            // not wait for the reply, and BCJSSE does so): what is still in flight toward it is never read.
            e.discardedAfterClose += from.take(from.size()).length;
            return true;
        }
        if (e.failure != null || e.engine.isInboundDone() || from.size() == 0) {
            return false;
        }
        int max = mode == Mode.ONE_BYTE_AT_A_TIME ? 1 : Integer.MAX_VALUE;
        return from.takeInto(e.netIn, max) > 0;
    }

    private boolean unwrapAll(EngineEnd e) {
        boolean progress = false;
        for (int i = 0; i < CALLS_PER_TURN; i++) {
            if (e.failure != null || e.dead || e.engine.isInboundDone() || e.netIn.position() == 0) {
                break;
            }
            ByteBuffer src = e.netIn;
            int buffered = src.position();
            boolean partial = WireRecord.completeRecordLength(src, 0, buffered) < 0;
            HandshakeStatus before = e.engine.getHandshakeStatus();
            src.flip();
            SSLEngineResult r;
            try {
                r = e.engine.unwrap(src, e.appIn);
            } catch (SSLException x) {
                e.fail(x);
                return true;
            } catch (RuntimeException x) {
                throw new AssertionError(e.role + " unwrap threw " + x + "\n" + describe.get(), x);
            } finally {
                if (src.position() > 0) {
                    src.compact();
                } else {
                    src.position(src.limit()).limit(src.capacity()); // back to write mode without copying
                }
            }
            record(e, Op.UNWRAP, r, buffered - src.position(), e.appIn.position());
            if (partial && (r.bytesConsumed() != 0 || r.bytesProduced() != 0)) {
                violation(e, "unwrap moved bytes from a partial record", r);
            }
            if (partial && r.getStatus() == Status.OK && (before == HandshakeStatus.NEED_UNWRAP
                    || before == HandshakeStatus.NOT_HANDSHAKING)) {
                violation(e, "unwrap of a partial record must return BUFFER_UNDERFLOW (hs before: " + before + ")",
                        r);
            }
            e.appIn.flip();
            e.received.write(e.appIn.array(), e.appIn.arrayOffset() + e.appIn.position(), e.appIn.remaining());
            e.appIn.clear();
            progress |= r.bytesConsumed() > 0 || r.bytesProduced() > 0;
            if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                runTasks(e);
                progress = true;
            }
            if (r.getStatus() == Status.BUFFER_OVERFLOW) {
                e.overflows++;
                e.appIn = grow(e, e.appIn, appSize(e), "unwrap output");
                progress = true;
                continue;
            }
            if (r.getStatus() == Status.BUFFER_UNDERFLOW) {
                e.underflows++;
                if (!e.netIn.hasRemaining()) {
                    e.netIn = grow(e, e.netIn, packetSize(e), "unwrap input");
                    progress = true;
                }
                break;
            }
            if (r.getStatus() == Status.CLOSED || (r.bytesConsumed() == 0 && r.bytesProduced() == 0)) {
                break;
            }
        }
        return progress;
    }

    private void deliver(EngineEnd e, ByteBuffer produced) {
        if (!produced.hasRemaining()) {
            return;
        }
        if (e.interceptor == null) {
            send(e, produced);
            return;
        }
        e.pendingRecord.append(produced);
        ByteQueue q = e.pendingRecord;
        while (q.size() >= WireRecord.HEADER_LENGTH) {
            int len = WireRecord.HEADER_LENGTH + ((q.peek(3) << 8) | q.peek(4));
            if (q.size() < len) {
                break;
            }
            ByteBuffer out = e.interceptor.apply(ByteBuffer.wrap(q.take(len)));
            if (out != null) {
                send(e, out);
            }
        }
    }

    private static void send(EngineEnd e, ByteBuffer bytes) {
        ByteBuffer copy = bytes.duplicate();
        byte[] b = new byte[copy.remaining()];
        copy.get(b);
        e.wire.writeBytes(b);
        e.toPeer.append(b);
    }

    /**
     * SunJSSE reports FINISHED again when it unwraps a TLS 1.3 post-handshake message (a NewSessionTicket) after
     * its handshake had finished: a peer's quirk, not counted. Xtls engines are held to exactly once.
     */
    private static boolean peerPostHandshakeFinished(EngineEnd e, Op op) {
        if (op != Op.UNWRAP || e.engine.getClass().getName().startsWith("dev.xtls.") || e.steps.isEmpty()) {
            return false;
        }
        HandshakeStatus before = e.steps.get(e.steps.size() - 1).handshakeStatus();
        return e.finished > 0 && (before == HandshakeStatus.FINISHED || before == HandshakeStatus.NOT_HANDSHAKING);
    }

    private void record(EngineEnd e, Op op, SSLEngineResult r, int consumed, int produced) {
        if (r.bytesConsumed() != consumed || r.bytesProduced() != produced) {
            violation(e, op + " result says consumed=" + r.bytesConsumed() + " produced=" + r.bytesProduced()
                    + " but the buffers moved consumed=" + consumed + " produced=" + produced, r);
        }
        if (r.getHandshakeStatus() == HandshakeStatus.FINISHED && !peerPostHandshakeFinished(e, op)) {
            e.finished++;
        }
        Step s = new Step(stepCount++, phase, e.role, op, r.getStatus(), r.getHandshakeStatus(), r.bytesConsumed(),
                r.bytesProduced(), 1);
        List<Step> log = e.steps;
        if (!log.isEmpty() && log.get(log.size() - 1).sameResult(s)) {
            Step last = log.get(log.size() - 1);
            log.set(log.size() - 1, new Step(last.index(), last.phase(), last.side(), last.op(), last.status(),
                    last.handshakeStatus(), last.bytesConsumed(), last.bytesProduced(), last.times() + 1));
        } else {
            log.add(s);
        }
    }

    private void violation(EngineEnd e, String what, SSLEngineResult r) {
        violations.add(e.role + ": " + what + " [" + r.getStatus() + "/" + r.getHandshakeStatus() + " consumed="
                + r.bytesConsumed() + " produced=" + r.bytesProduced() + "]");
    }

    private ByteBuffer grow(EngineEnd e, ByteBuffer buf, int sessionSize, String what) {
        int cap = buf.capacity();
        int next = mode == Mode.TINY_BUFFERS || sessionSize <= cap ? cap * 2 : sessionSize;
        if (next > MAX_BUFFER) {
            throw new AssertionError(e.role + " " + what + " buffer would exceed " + MAX_BUFFER
                    + " bytes: the engine keeps asking for more\n" + describe.get());
        }
        ByteBuffer bigger = ByteBuffer.allocate(next);
        buf.flip();
        bigger.put(buf);
        return bigger;
    }

    private static int packetSize(EngineEnd e) {
        return session(e).getPacketBufferSize();
    }

    private static int appSize(EngineEnd e) {
        return session(e).getApplicationBufferSize();
    }

    private static SSLSession session(EngineEnd e) {
        try {
            SSLSession hs = e.engine.getHandshakeSession();
            if (hs != null) {
                return hs;
            }
        } catch (UnsupportedOperationException ignored) {
            // optional before Java 7 engines; fall back to the current session
        }
        return e.engine.getSession();
    }


    EngineEnd peer(EngineEnd e) {
        return e == client ? server : client;
    }
}
