package dev.xtls.engine;

import dev.xtls.wire.ProtocolVersion;
import java.util.List;

/**
 * One handshake of a connection as it passed: the messages in order, then what it negotiated or why it failed.
 * Immutable; {@link HandshakeFigure} draws it the way the RFCs do.
 *
 * @param number 1 for the connection's first handshake, one more per renegotiation
 * @param client whether this side was the client
 * @param version the negotiated version, null before ServerHello
 * @param steps the messages sent and received, in order, at most {@value HandshakeRecorder#MAX_STEPS}
 * @param establishedAfter how many steps came before the handshake completed; -1 while it has not
 * @param omittedSteps steps left out past the limit (a long-lived connection's KeyUpdates, tickets)
 * @param negotiated what the handshake agreed on; null unless it completed
 * @param failure why the handshake failed; null unless it did
 * @param firstMillis when the first message passed, by the connection's clock
 * @param lastMillis when the last message passed
 */
public record HandshakeTrace(int number, boolean client, ProtocolVersion version, List<Step> steps,
        int establishedAfter, int omittedSteps, Negotiated negotiated, String failure, long firstMillis,
        long lastMillis) {

    public HandshakeTrace {
        steps = steps instanceof HandshakeSteps compact ? compact : List.copyOf(steps); // HandshakeSteps is immutable
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

    public boolean completed() {
        return establishedAfter >= 0;
    }
}
