package dev.xtls.handshake.server;

import dev.xtls.crypto.Secret;
import dev.xtls.handshake.ClientAuth;
import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.SuiteSpec;
import dev.xtls.handshake.Tls12Secrets;
import dev.xtls.handshake.Tls12Secrets.TrafficProtection;
import dev.xtls.message.Finished;
import dev.xtls.message.ServerHello;
import dev.xtls.session.SessionState;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ProtocolVersion;
import java.util.Optional;

/**
 * The server's side of session resumption by id (RFC 5246 §7.4.1.2-3): whether a ClientHello's session can be
 * resumed, and the abbreviated flight that resumes it (RFC 5246 §7.3, Figure 2).
 */
final class ServerResumption {
    private ServerResumption() {
    }

    /**
     * The session the ClientHello names, if this handshake may continue it; otherwise the handshake is a full
     * one. The store has already dropped expired and invalidated sessions.
     */
    static Optional<SessionState> resumable(HandshakeConfig config, ClientHelloOffer offer) {
        Bytes id = offer.hello().sessionId();
        if (id.isEmpty()) {
            return Optional.empty();
        }
        boolean ems = offer.extendedMasterSecret() && config.extendedMasterSecret();
        return config.sessionStore().find(id)
                .filter(s -> s.sessionId().equals(id) && s.masterSecret() != null && !s.masterSecret().isDestroyed())
                .filter(s -> ProtocolVersion.TLS12.equals(s.version()) && config.versions().contains(s.version()))
                // RFC 5246 §7.4.1.2: the client must still offer the session's suite; we must still enable it
                .filter(s -> offer.hello().cipherSuites().contains(s.cipherSuite())
                        && config.cipherSuites().contains(s.cipherSuite()) && SuiteSpec.of(s.cipherSuite()).isPresent())
                // RFC 7627 §5.3: a session resumes only the way it was made; otherwise a full handshake
                .filter(s -> s.extendedMasterSecret() == ems)
                // RFC 6066 §3: a different requested name gets a full handshake
                .filter(s -> offer.serverNames().isEmpty() || s.requestedServerNamesEqual(offer.serverNames()))
                // needClientAuth: a session without a client certificate does not satisfy it (as SunJSSE)
                .filter(s -> config.clientAuth() != ClientAuth.NEED || !s.peerCertificates().isEmpty());
    }

    /**
     * ServerHello with the session's id, ChangeCipherSpec and Finished (RFC 5246 §7.3, Figure 2). The
     * ServerHello carries what a full one would, for this handshake (ALPN, encrypt_then_mac), but no server_name
     * acknowledgement (RFC 6066 §3).
     */
    static ServerState resume(HandshakeContext ctx, ClientHelloOffer offer, SessionState session) {
        SuiteSpec suite = SuiteSpec.of(session.cipherSuite()).orElseThrow();
        boolean etm = offer.encryptThenMac() && suite.isCbc();
        String alpn = ServerAlpn.choose(ctx.config().applicationProtocols(), offer.alpn());
        Bytes serverRandom = ctx.newRandom();
        ctx.send(new ServerHello(session.version(), serverRandom, session.sessionId(), suite.suite(), 0,
                ServerFirstFlight.helloExtensions(offer, session.extendedMasterSecret(), etm, alpn, false)));
        Secret master = session.masterSecret();
        TrafficProtection keys = Tls12Secrets.trafficProtection(ctx, suite, master, offer.hello().random(),
                serverRandom, etm);
        ctx.output().changeCipherSpec(keys.serverWrite());
        ctx.send(new Finished(Bytes.wrap(Tls12Secrets.verifyData(ctx, suite, master, false))));
        ctx.updateSession(session.withEncryptThenMac(etm).withApplicationProtocol(alpn));
        return new ExpectResumedClientChangeCipherSpec(suite, master, keys);
    }
}
