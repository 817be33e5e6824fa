package dev.xtls.jsse;

import dev.xtls.crypto.TlsCrypto;
import dev.xtls.handshake.ClientHelloTemplates;
import dev.xtls.handshake.HandshakePolicy;
import dev.xtls.handshake.OcspStapling;
import dev.xtls.handshake.KeyLogSink;
import dev.xtls.x509.AcceptedIssuerNames;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * What an initialised SSLContext gives each of its engines. Fixed at init; only the crypto is made lazily, on
 * the first handshake, and then shared by all engines of the context.
 */
final class ContextState {
    /** Distinct settings an application's engines have are few; past this many, an engine keeps its own. */
    static final int MAX_SHARED_POLICIES = 64;
    private final X509ExtendedKeyManager keyManager;
    private final X509ExtendedTrustManager trustManager;
    private final SecureRandom random;
    private final ProtocolDefaults defaults;
    private final EngineDefaults engineDefaults;
    private final XtlsSessionContext clientSessions;
    private final XtlsSessionContext serverSessions;
    private final SessionTickets tickets;
    private final Function<SecureRandom, TlsCrypto> cryptoFactory;
    private final LongSupplier clock;
    private final OcspStapling clientStapling;
    private final OcspStapling serverStapling;
    private final KeyLogSetting keyLog;
    private final HandshakeTraceLog traceLog;
    // the configuration-only parts of its engines' ClientHellos, built once (issue 13)
    private final ClientHelloTemplates helloTemplates = new ClientHelloTemplates();
    // the CertificateRequest's CA names, encoded once while the trust manager's issuers stay the same (issue 13)
    private final AcceptedIssuerNames issuerNames = new AcceptedIssuerNames();
    private volatile TlsCrypto crypto;
    // one policy per distinct engine settings, shared by the engines that have them (issue 13); bounded
    private final ConcurrentHashMap<HandshakePolicy, HandshakePolicy> policies = new ConcurrentHashMap<>();

    /** A context without OCSP stapling or a key log of its own (the JVM-wide one applies), traces to the logger only. */
    ContextState(X509ExtendedKeyManager keyManager, X509ExtendedTrustManager trustManager, SecureRandom random,
            ProtocolDefaults defaults, XtlsSessionContext clientSessions, XtlsSessionContext serverSessions,
            SessionTickets tickets, Function<SecureRandom, TlsCrypto> cryptoFactory, LongSupplier clock) {
        this(keyManager, trustManager, random, defaults, clientSessions, serverSessions, tickets, cryptoFactory, clock,
                OcspStapling.NONE, OcspStapling.NONE, new KeyLogSetting(), new HandshakeTraceLog(null));
    }

    /** {@code clientStapling}, {@code serverStapling}: OCSP stapling (RFC 6066 §8) of its client and server ends. */
    ContextState(X509ExtendedKeyManager keyManager, X509ExtendedTrustManager trustManager, SecureRandom random,
            ProtocolDefaults defaults, XtlsSessionContext clientSessions, XtlsSessionContext serverSessions,
            SessionTickets tickets, Function<SecureRandom, TlsCrypto> cryptoFactory, LongSupplier clock,
            OcspStapling clientStapling, OcspStapling serverStapling, KeyLogSetting keyLog, HandshakeTraceLog traceLog) {
        this.clientStapling = Objects.requireNonNull(clientStapling);
        this.serverStapling = Objects.requireNonNull(serverStapling);
        this.keyManager = keyManager;
        this.trustManager = trustManager;
        this.random = Objects.requireNonNull(random);
        this.defaults = Objects.requireNonNull(defaults);
        this.engineDefaults = new EngineDefaults(defaults);
        this.clientSessions = clientSessions;
        this.serverSessions = serverSessions;
        this.tickets = tickets;
        this.cryptoFactory = cryptoFactory;
        this.clock = clock;
        this.keyLog = Objects.requireNonNull(keyLog);
        this.traceLog = Objects.requireNonNull(traceLog);
    }

    /** Where the next handshake logs its secrets (Xtls.setKeyLog, else -Ddev.xtls.keylog). */
    KeyLogSink keyLog() {
        return keyLog.sink();
    }

    /** Where each handshake's trace goes (-Ddev.xtls.trace, read at init; logger dev.xtls.handshake). */
    HandshakeTraceLog traceLog() {
        return traceLog;
    }

    /** Shared by all engines of this context. */
    ClientHelloTemplates helloTemplates() {
        return helloTemplates;
    }

    /**
     * The instance equal to {@code policy} that this context's other engines use, so that idle engines with the
     * same settings hold one; {@code policy} itself when it holds an engine's callback or too many are kept.
     */
    HandshakePolicy shared(HandshakePolicy policy) {
        if (!policy.shareable()) {
            return policy;
        }
        HandshakePolicy known = policies.get(policy);
        if (known != null || policies.size() >= MAX_SHARED_POLICIES) {
            return known != null ? known : policy;
        }
        known = policies.putIfAbsent(policy, policy);
        return known != null ? known : policy;
    }

    /** Null when the context has no credentials. */
    X509ExtendedKeyManager keyManager() {
        return keyManager;
    }

    /** Shared by all engines of this context. */
    AcceptedIssuerNames issuerNames() {
        return issuerNames;
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

    /** What its engines start from and share (the defaults, the lists they were set to). */
    EngineDefaults engineDefaults() {
        return engineDefaults;
    }

    XtlsSessionContext sessions(boolean client) {
        return client ? clientSessions : serverSessions;
    }

    /** The context's RFC 5077 session tickets. */
    SessionTickets tickets() {
        return tickets;
    }

    OcspStapling stapling(boolean client) {
        return client ? clientStapling : serverStapling;
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
