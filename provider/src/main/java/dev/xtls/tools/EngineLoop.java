package dev.xtls.tools;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/** Two SSLEngines connected back to back in memory: enough for the demo to show a handshake without sockets. */
final class EngineLoop {
    private final SSLEngine client;
    private final SSLEngine server;
    private final ByteBuffer clientToServer;
    private final ByteBuffer serverToClient;

    EngineLoop(SSLEngine client, SSLEngine server) {
        this.client = client;
        this.server = server;
        int packet = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        clientToServer = ByteBuffer.allocate(4 * packet);
        serverToClient = ByteBuffer.allocate(4 * packet);
    }

    /** Sends {@code request} from client to server and {@code response} back; returns what the client read. */
    byte[] exchange(byte[] request, byte[] response) throws SSLException {
        ByteBuffer clientOut = ByteBuffer.wrap(request);
        ByteBuffer serverOut = ByteBuffer.wrap(response);
        ByteBuffer serverIn = ByteBuffer.allocate(request.length + server.getSession().getApplicationBufferSize());
        ByteBuffer clientIn = ByteBuffer.allocate(response.length + client.getSession().getApplicationBufferSize());
        client.beginHandshake();
        server.beginHandshake();
        for (int step = 0; step < 1000; step++) {
            if (clientIn.position() == response.length && !clientOut.hasRemaining()) {
                break;
            }
            boolean moved = pump(client, clientOut, clientToServer, serverToClient, clientIn);
            moved |= pump(server, serverIn.position() == request.length ? serverOut : ByteBuffer.allocate(0),
                    serverToClient, clientToServer, serverIn);
            if (!moved) {
                throw new SSLException("no progress: client " + client.getHandshakeStatus() + ", server "
                        + server.getHandshakeStatus());
            }
        }
        clientIn.flip();
        byte[] out = new byte[clientIn.remaining()];
        clientIn.get(out);
        return out;
    }

    private static boolean pump(SSLEngine engine, ByteBuffer app, ByteBuffer out, ByteBuffer in, ByteBuffer appIn)
            throws SSLException {
        boolean moved = false;
        SSLEngineResult r = engine.wrap(app, out);
        moved |= r.bytesProduced() > 0;
        runTasks(engine);
        in.flip();
        while (in.hasRemaining()) {
            r = engine.unwrap(in, appIn);
            runTasks(engine);
            moved |= r.bytesConsumed() > 0;
            if (r.getStatus() != SSLEngineResult.Status.OK || r.bytesConsumed() == 0) {
                break;
            }
        }
        in.compact();
        return moved || engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP;
    }

    private static void runTasks(SSLEngine engine) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }
}
