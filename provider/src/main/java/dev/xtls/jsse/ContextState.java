package dev.xtls.jsse;

import dev.xtls.crypto.TlsCrypto;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * What an initialised SSLContext gives each of its engines. Fixed at init; only the crypto is made lazily, on
 * the first handshake, and then shared by all engines of the context.
 */
final class ContextState {
    private final X509ExtendedKeyManager keyManager;
    private final X509ExtendedTrustManager trustManager;
    private final SecureRandom random;
    private final ProtocolDefaults defaults;
    private final XtlsSessionContext clientSessions;
    private final XtlsSessionContext serverSessions;
    private final SessionTickets tickets;
    private final Function<SecureRandom, TlsCrypto> cryptoFactory;
    private final LongSupplier clock;
    private volatile TlsCrypto crypto;

    ContextState(X509ExtendedKeyManager keyManager, X509ExtendedTrustManager trustManager, SecureRandom random,
            ProtocolDefaults defaults, XtlsSessionContext clientSessions, XtlsSessionContext serverSessions,
            SessionTickets tickets, Function<SecureRandom, TlsCrypto> cryptoFactory, LongSupplier clock) {
        this.keyManager = keyManager;
        this.trustManager = trustManager;
        this.random = Objects.requireNonNull(random);
        this.defaults = Objects.requireNonNull(defaults);
        this.clientSessions = clientSessions;
        this.serverSessions = serverSessions;
        this.tickets = tickets;
        this.cryptoFactory = cryptoFactory;
        this.clock = clock;
    }

    /** Null when the context has no credentials. */
    X509ExtendedKeyManager keyManager() {
        return keyManager;
    }

    /** Null when the TrustManager[] given to init held no X509TrustManager: every peer is then rejected. */
    X509ExtendedTrustManager trustManager() {
        return trustManager;
    }

    SecureRandom random() {
        return random;
    }

    ProtocolDefaults defaults() {
        return defaults;
    }

    XtlsSessionContext sessions(boolean client) {
        return client ? clientSessions : serverSessions;
    }

    /** The context's RFC 5077 session tickets. */
    SessionTickets tickets() {
        return tickets;
    }

    LongSupplier clock() {
        return clock;
    }

    /** Every handshake asks: after the first, a volatile read, no lock shared by the context's connections. */
    TlsCrypto crypto() {
        TlsCrypto c = crypto;
        if (c == null) {
            synchronized (this) {
                c = crypto;
                if (c == null) {
                    c = Objects.requireNonNull(cryptoFactory.apply(random), "crypto");
                    crypto = c;
                }
            }
        }
        return c;
    }
}
