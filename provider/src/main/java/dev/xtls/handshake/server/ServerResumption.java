package dev.xtls.handshake.server;

import dev.xtls.crypto.Secret;
import dev.xtls.handshake.ClientAuth;
import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.ServerAlpn;
import dev.xtls.handshake.SessionOrigin;
import dev.xtls.handshake.SessionStore;
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
     * The session the ClientHello's ticket carries (RFC 5077 §3.4) or, failing that, the one its session id names
     * (RFC 5246 §7.4.1.2), if this handshake may continue it; otherwise the handshake is a full one. The store has
     * already dropped expired and invalidated sessions and tickets that do not authenticate.
     */
    static Optional<Resumption> resumable(HandshakeConfig config, ClientHelloOffer offer, boolean renegotiating) {
        SessionStore store = config.sessionStore();
        Bytes id = offer.hello().sessionId();
        Bytes ticket = offer.sessionTicket();
        Optional<Resumption> byTicket = ticket == null || ticket.isEmpty() || !store.ticketsEnabled()
                ? Optional.empty()
                // RFC 5077 §3.4: a resumed session answers with the ClientHello's session id
                : store.openTicket(ticket).map(t -> new Resumption(
                        t.session().withNegotiated(id, t.session().version(), t.session().cipherSuite()), true,
                        t.renew()));
        Optional<Resumption> found = byTicket.filter(r -> fits(config, offer, r.session(), renegotiating));
        if (found.isEmpty() && !id.isEmpty()) {
            found = store.find(id).filter(s -> s.sessionId().equals(id))
                    .filter(s -> fits(config, offer, s, renegotiating))
                    .map(s -> new Resumption(s, false, false));
        }
        return found;
    }

    /** The same checks for a session found by id and by ticket. */
    private static boolean fits(HandshakeConfig config, ClientHelloOffer offer, SessionState s,
            boolean renegotiating) {
        boolean ems = offer.extendedMasterSecret() && config.extendedMasterSecret();
        return s.masterSecret() != null && !s.masterSecret().isDestroyed()
                && ProtocolVersion.TLS12.equals(s.version()) && config.versions().contains(s.version())
                // RFC 5246 §7.4.1.2: the client must still offer the session's suite; we must still enable it
                && offer.hello().cipherSuites().contains(s.cipherSuite())
                && config.cipherSuites().contains(s.cipherSuite()) && SuiteSpec.of(s.cipherSuite()).isPresent()
                // RFC 7627 §5.3: a session resumes only the way it was made; otherwise a full handshake
                && s.extendedMasterSecret() == ems
                // RFC 6066 §3: a different requested name gets a full handshake
                && (offer.serverNames().isEmpty() || s.requestedServerNamesEqual(offer.serverNames()))
                // needClientAuth: a session without a client certificate does not satisfy it (as SunJSSE)
                && (config.clientAuth() != ClientAuth.NEED || !s.peerCertificates().isEmpty())
                // a renegotiation that asks for a certificate (step-up) does not resume a session without one
                && (!renegotiating || config.clientAuth() == ClientAuth.NONE || !s.peerCertificates().isEmpty());
    }

    /**
     * A session this handshake resumes; {@code renewTicket}: it came from a ticket sealed under an older key, so
     * a new ticket goes out before the ChangeCipherSpec (RFC 5077 §3.1, Figure 2).
     */
    record Resumption(SessionState session, boolean byTicket, boolean renewTicket) {
    }

    /**
     * ServerHello with the session's id, [NewSessionTicket], ChangeCipherSpec and Finished (RFC 5246 §7.3,
     * Figure 2; RFC 5077 §3.1, Figure 2). The
     * ServerHello carries what a full one would, for this handshake (ALPN, encrypt_then_mac), but no server_name
     * acknowledgement (RFC 6066 §3).
     */
    static ServerState resume(HandshakeContext ctx, ClientHelloOffer offer, Resumption resumption) {
        SessionState session = resumption.session();
        SuiteSpec suite = SuiteSpec.of(session.cipherSuite()).orElseThrow();
        boolean etm = offer.encryptThenMac() && suite.isCbc();
        String alpn = ServerAlpn.choose(ctx.config().applicationProtocols(), offer.alpn());
        Bytes serverRandom = ctx.newServerRandomForTls12();
        ctx.send(new ServerHello(session.version(), serverRandom, session.sessionId(), suite.suite(), 0,
                ServerFirstFlight.helloExtensions(ctx, offer, session.extendedMasterSecret(), etm, alpn, false,
                        resumption.renewTicket())));
        if (resumption.renewTicket()) {
            ServerTickets.send(ctx, session);
        }
        Secret master = session.masterSecret();
        TrafficProtection keys = Tls12Secrets.trafficProtection(ctx, suite, master, offer.hello().random(),
                serverRandom, etm);
        ctx.output().changeCipherSpec(keys.serverWrite());
        byte[] verifyData = Tls12Secrets.verifyData(ctx, suite, master, false);
        ctx.finished(false, verifyData);
        ctx.send(new Finished(Bytes.wrap(verifyData)));
        ctx.updateSession(session.withEncryptThenMac(etm).withApplicationProtocol(alpn));
        return new ExpectResumedClientChangeCipherSpec(suite, master, keys,
                resumption.byTicket() ? SessionOrigin.TICKET : SessionOrigin.SESSION_ID);
    }
}
