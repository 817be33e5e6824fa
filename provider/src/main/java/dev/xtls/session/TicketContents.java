package dev.xtls.session;

import dev.xtls.wire.Bytes;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What a ticket carries (RFC 5077 §4 "StatePlaintext"): an established session and how long it may be resumed.
 * The session's peer host and port are not sealed: they belong to the connection that presents the ticket. Our own
 * certificate chain is not sealed either, only {@code localChain}, which names it in our key manager.
 *
 * @param session an established session: version, suite and a 48-byte master secret are set; opened from a
 *                ticket, its local certificates are empty until {@link #toSessionState} gets them
 * @param lifetimeSeconds how long after the session's creation it may be resumed (RFC 5077 §3.3 lifetime hint)
 * @param localChain our chain's alias and leaf digest; null when we sent no certificate
 */
public record TicketContents(SessionState session, long lifetimeSeconds, LocalChainReference localChain) {
    static final int MASTER_SECRET_LENGTH = 48;
    static final long MAX_LIFETIME_SECONDS = 0xFFFFFFFFL;

    public TicketContents {
        Objects.requireNonNull(session, "session");
        // TLS 1.3 (RFC 8446 §4.6.1): the resumption PSK, Hash.length bytes, stands where the master secret is
        int secretLength = session.masterSecret() == null ? 0 : session.masterSecret().length();
        boolean fits = session.pskTicket() == null ? secretLength == MASTER_SECRET_LENGTH
                : secretLength == 32 || secretLength == 48;
        if (session.version() == null || session.cipherSuite() == null || !fits) {
            throw new IllegalArgumentException("only an established session (version, suite, 48-byte master secret "
                    + "or 32/48-byte TLS 1.3 PSK) goes into a ticket");
        }
        if (lifetimeSeconds <= 0 || lifetimeSeconds > MAX_LIFETIME_SECONDS) {
            throw new IllegalArgumentException("ticket lifetime must be 1.." + MAX_LIFETIME_SECONDS + " s, got "
                    + lifetimeSeconds);
        }
    }

    /**
     * {@code session} to seal: its local chain goes in by reference, so it needs the key manager alias it came from.
     */
    public TicketContents(SessionState session, long lifetimeSeconds) {
        this(session, lifetimeSeconds, reference(session));
    }

    private static LocalChainReference reference(SessionState s) {
        if (s.localCertificates().isEmpty()) {
            return null;
        }
        if (s.localAlias() == null) {
            throw new IllegalArgumentException("a ticket names our certificate chain by its key manager alias, and"
                    + " this session has none");
        }
        return LocalChainReference.of(s.localAlias(), s.localCertificates());
    }

    /** The first instant the ticket no longer resumes. */
    public long expiresAtMillis() {
        return session.creationTimeMillis() + lifetimeSeconds * 1000;
    }

    /**
     * The sealed session as the connection that presented the ticket sees it, with {@code localCertificates}:
     * what {@link #localChain} resolved to (empty when it is null).
     */
    public SessionState toSessionState(String peerHost, int peerPort, List<X509Certificate> localCertificates) {
        SessionState s = session;
        return new SessionState(s.sessionId(), s.version(), s.cipherSuite(), s.masterSecret(),
                s.extendedMasterSecret(), s.encryptThenMac(), s.applicationProtocol(), s.group(),
                s.peerSignatureScheme(), s.peerCertificates(), localCertificates, s.requestedServerNames(),
                s.localSignatureSchemes(), s.peerSignatureSchemes(), peerHost, peerPort, s.creationTimeMillis(),
                Bytes.EMPTY, s.supplementalData(), s.pskTicket(), List.of(),
                localChain == null ? null : localChain.alias());
    }
}
