package dev.xtls.handshake.server;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;

/** Starts a server handshake: waits for ClientHello. */
public final class ServerHandshake {
    private ServerHandshake() {
    }

    public static HandshakeState start(HandshakeContext ctx) {
        return new ExpectClientHello();
    }
}
