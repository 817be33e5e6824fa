package dev.xtls.handshake.tls13.client;

import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.tls13.PskBinder;
import dev.xtls.handshake.tls13.Tls13Suite;
import dev.xtls.message.ClientHello;
import dev.xtls.message.Extension;
import dev.xtls.message.Extensions;
import dev.xtls.message.ext.OfferedPsks;
import dev.xtls.message.ext.PskIdentity;
import dev.xtls.session.SessionState;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The client's side of TLS 1.3 resumption (RFC 8446 §4.2.11): the cached ticket it offers, once (Appendix C.4),
 * as the last extension of the ClientHello with its binder, next to psk_key_exchange_modes.
 */
public final class ClientPsk {
    private ClientPsk() {
    }

    /** §4.2.9: whether this client offered {@code mode}. */
    static boolean offered(HandshakeConfig config, int mode) {
        return config.sessionStore().tls13PskModes().contains(mode);
    }

    /**
     * The cached TLS 1.3 ticket for this server, if one fits this handshake: not older than its lifetime
     * (§4.2.11.1), a suite with its hash offered (§4.2.11), the same server names (§4.6.1). It is removed from the
     * cache: a ticket is offered once.
     */
    public static Optional<SessionState> offerable(HandshakeConfig config, List<CipherSuite> suites13) {
        if (config.peerHost() == null || !config.sessionStore().ticketsEnabled()) {
            return Optional.empty();
        }
        long now = config.clock().getAsLong();
        Optional<SessionState> ticket = config.sessionStore().findForPeer(config.peerHost(), config.peerPort())
                .filter(s -> s.pskTicket() != null && ProtocolVersion.TLS13.equals(s.version()))
                .filter(s -> !s.ticket().isEmpty() && !s.pskTicket().expired(now))
                .filter(s -> suites13.stream().anyMatch(c -> sameHash(c, s.cipherSuite())))
                .filter(s -> s.requestedServerNamesEqual(config.serverNames()));
        ticket.ifPresent(t -> config.sessionStore().forgetOffered());
        return ticket;
    }

    static boolean sameHash(CipherSuite a, CipherSuite b) {
        Optional<Tls13Suite> x = Tls13Suite.of(a);
        Optional<Tls13Suite> y = Tls13Suite.of(b);
        return x.isPresent() && y.isPresent() && x.get().hash() == y.get().hash();
    }

    /** pre_shared_key with a zero binder of the right length, to be replaced by {@link #bind}. */
    public static Extension unbound(HandshakeConfig config, SessionState ticket) {
        int length = Tls13Suite.of(ticket.cipherSuite()).orElseThrow().hash().outputLength();
        PskIdentity identity = new PskIdentity(ticket.ticket(),
                ticket.pskTicket().obfuscatedAge(config.clock().getAsLong()));
        return new OfferedPsks(List.of(identity), List.of(Bytes.wrap(new byte[length]))).toExtension();
    }

    /**
     * {@code hello}, whose last extension is pre_shared_key, with the binder computed over the transcript so far
     * and {@code hello} truncated before its binders (§4.2.11.2).
     */
    static ClientHello bind(HandshakeContext ctx, ClientHello hello, SessionState ticket) {
        List<Extension> ext = new ArrayList<>(hello.extensions().list());
        Extension last = ext.get(ext.size() - 1);
        OfferedPsks offered = OfferedPsks.decode(last.data());
        byte[] binder = PskBinder.compute(ctx, Tls13Suite.of(ticket.cipherSuite()).orElseThrow().hash(),
                ticket.masterSecret(), hello.encode(), offered.bindersEncodedLength());
        ext.set(ext.size() - 1, offered.withBinders(List.of(Bytes.wrap(binder))).toExtension());
        return new ClientHello(hello.legacyVersion(), hello.random(), hello.sessionId(), hello.cipherSuites(),
                hello.compressionMethods(), new Extensions(ext));
    }

    /** The first ClientHello, bound; public for the version-neutral start of the handshake. */
    public static ClientHello bindFirst(HandshakeContext ctx, ClientHello hello, SessionState ticket) {
        return ticket == null ? hello : bind(ctx, hello, ticket);
    }

    /** §4.1.4: after a HelloRetryRequest choosing {@code suite}, a PSK for another hash is dropped. */
    static boolean keepAfterRetry(SessionState ticket, CipherSuite suite) {
        return ticket != null && sameHash(ticket.cipherSuite(), suite);
    }

    static boolean isPsk(Extension e) {
        return e.type().equals(ExtensionType.PRE_SHARED_KEY);
    }
}
