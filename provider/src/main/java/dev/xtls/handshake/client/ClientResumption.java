package dev.xtls.handshake.client;

import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.session.SessionState;
import dev.xtls.wire.CipherSuite;
import java.util.List;
import java.util.Optional;

/** Which cached session, if any, a ClientHello offers to resume (RFC 5246 §7.4.1.2). */
final class ClientResumption {
    private ClientResumption() {
    }

    /**
     * The store's session for this server, if this handshake could continue it: its version and suite still
     * enabled, the same server names asked for (RFC 6066 §3), and extended_master_secret still sent if it used
     * it (RFC 7627 §5.3: the server must not resume it otherwise).
     */
    static Optional<SessionState> offerable(HandshakeConfig config, List<CipherSuite> offeredSuites) {
        if (config.peerHost() == null) {
            return Optional.empty();
        }
        return config.sessionStore().findForPeer(config.peerHost(), config.peerPort())
                .filter(s -> !s.sessionId().isEmpty() && s.masterSecret() != null
                        && !s.masterSecret().isDestroyed())
                .filter(s -> config.versions().contains(s.version()))
                .filter(s -> offeredSuites.contains(s.cipherSuite()))
                .filter(s -> !s.extendedMasterSecret() || config.extendedMasterSecret())
                .filter(s -> s.requestedServerNamesEqual(config.serverNames()));
    }
}
