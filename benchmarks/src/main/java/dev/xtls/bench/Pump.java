package dev.xtls.bench;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * Moves bytes between a client and a server {@link SSLEngine} in memory. The buffers belong to the pump and are
 * reused, so engines established through it hold none of them. Network buffers stay in write mode between calls.
 */
final class Pump {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final int ROUNDS = 200;

    private final ByteBuffer toServer = ByteBuffer.allocate(1 << 17);
    private final ByteBuffer toClient = ByteBuffer.allocate(1 << 17);
    private final ByteBuffer clientApp = ByteBuffer.allocate(1 << 16);
    private final ByteBuffer serverApp = ByteBuffer.allocate(1 << 16);
    private final ServerFlight flight = new ServerFlight();
    private final ClientHelloTicket hello = new ClientHelloTicket();

    /**
     * Runs a handshake to completion on both sides and checks on the wire that it was full and, if {@code group}
     * is not null, that the key exchange used that group.
     */
    void handshake(SSLEngine client, SSLEngine server, String group) throws SSLException {
        run(client, server, () -> flight.check(group));
    }

    /**
     * Runs a handshake that must resume a cached session {@code by} ID or ticket: on the wire, the ClientHello
     * carries a non-empty session ticket only for {@code TICKET}, and the server's flight is a ServerHello (with a
     * NewSessionTicket only for {@code TICKET}).
     */
    void resumed(SSLEngine client, SSLEngine server, ResumedBy by) throws SSLException {
        run(client, server, () -> {
            hello.check(by);
            flight.checkResumed(by);
        });
    }

    private void run(SSLEngine client, SSLEngine server, Runnable check) throws SSLException {
        toServer.clear();
        toClient.clear();
        flight.reset();
        hello.reset();
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < ROUNDS; round++) {
            boolean progress = step(client, toServer, toClient, clientApp, false);
            progress |= step(server, toClient, toServer, serverApp, true);
            if (done(client) && done(server) && toServer.position() == 0 && toClient.position() == 0) {
                check.run();
                return;
            }
            if (!progress) {
                throw stuck("handshake", client, server);
            }
        }
        throw stuck("handshake", client, server);
    }

    /** Exchanges close_notify both ways, the client first; the server closes when it has read the client's. */
    void close(SSLEngine client, SSLEngine server) throws SSLException {
        client.closeOutbound();
        for (int round = 0; round < ROUNDS; round++) {
            flush(client, toServer);
            deliver(server, toServer, serverApp);
            if (server.isInboundDone() && !server.isOutboundDone()) {
                server.closeOutbound(); // TLS 1.3 closes half-way (RFC 8446 §6.1): the server answers, as apps do
            }
            flush(server, toClient);
            deliver(client, toClient, clientApp);
            if (client.isOutboundDone() && client.isInboundDone() && server.isOutboundDone()
                    && server.isInboundDone()) {
                return;
            }
        }
        throw stuck("close", client, server);
    }

    private static boolean done(SSLEngine e) {
        HandshakeStatus hs = e.getHandshakeStatus();
        return hs == HandshakeStatus.NOT_HANDSHAKING || hs == HandshakeStatus.FINISHED;
    }

    private boolean step(SSLEngine e, ByteBuffer out, ByteBuffer in, ByteBuffer app, boolean server)
            throws SSLException {
        boolean progress = false;
        while (true) {
            HandshakeStatus hs = e.getHandshakeStatus();
            switch (hs) {
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = e.getDelegatedTask()) != null) {
                        task.run();
                    }
                    progress = true;
                }
                case NEED_WRAP -> {
                    int from = out.position();
                    SSLEngineResult r = e.wrap(EMPTY, out);
                    if (server) {
                        flight.accept(out, from);
                    } else {
                        hello.accept(out, from);
                    }
                    if (r.getStatus() != SSLEngineResult.Status.OK) {
                        throw new SSLException("handshake wrap: " + r);
                    }
                    if (r.bytesProduced() == 0 && r.getHandshakeStatus() == hs) {
                        return progress;
                    }
                    progress = true;
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    in.flip();
                    SSLEngineResult r = e.unwrap(in, app);
                    in.compact();
                    app.clear();
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                        return progress; // wait for the peer
                    }
                    if (r.getStatus() != SSLEngineResult.Status.OK) {
                        throw new SSLException("handshake unwrap: " + r);
                    }
                    if (r.bytesConsumed() == 0 && r.getHandshakeStatus() == hs) {
                        return progress;
                    }
                    progress = true;
                }
                default -> {
                    // post-handshake messages, e.g. TLS 1.3 NewSessionTicket (RFC 8446 §4.6.1)
                    return in.position() > 0 && !e.isInboundDone() ? unwrapPostHandshake(e, in, app) | progress
                            : progress;
                }
            }
        }
    }

    /** Unwraps what the peer sent after the handshake; true if anything was consumed. */
    private static boolean unwrapPostHandshake(SSLEngine e, ByteBuffer in, ByteBuffer app) throws SSLException {
        in.flip();
        boolean consumed = false;
        while (in.hasRemaining()) {
            SSLEngineResult r = e.unwrap(in, app);
            app.clear();
            if (r.getStatus() != SSLEngineResult.Status.OK) {
                throw new SSLException("post-handshake unwrap: " + r);
            }
            if (r.bytesConsumed() == 0) {
                break;
            }
            consumed = true;
            runTasks(e);
        }
        in.compact();
        return consumed;
    }

    private static void runTasks(SSLEngine e) {
        Runnable task;
        while ((task = e.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private static void flush(SSLEngine e, ByteBuffer out) throws SSLException {
        while (!e.isOutboundDone()) {
            SSLEngineResult r = e.wrap(EMPTY, out);
            if (r.bytesProduced() == 0) {
                return;
            }
        }
    }

    private static void deliver(SSLEngine e, ByteBuffer in, ByteBuffer app) throws SSLException {
        in.flip();
        while (in.hasRemaining() && !e.isInboundDone()) {
            SSLEngineResult r = e.unwrap(in, app);
            app.clear();
            if (r.bytesConsumed() == 0) {
                break;
            }
        }
        in.compact();
    }

    private SSLException stuck(String what, SSLEngine client, SSLEngine server) {
        return new SSLException(what + " made no progress: client " + client.getHandshakeStatus() + " out="
                + client.isOutboundDone() + " in=" + client.isInboundDone() + ", server " + server.getHandshakeStatus()
                + " out=" + server.isOutboundDone() + " in=" + server.isInboundDone() + ", pending to server "
                + toServer.position() + ", to client " + toClient.position());
    }
}
