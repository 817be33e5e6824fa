package dev.xtls.jsse;

import dev.xtls.crypto.TlsCrypto;
import dev.xtls.handshake.OcspStapling;
import dev.xtls.handshake.SupplementalDataTypes;
import dev.xtls.jsse.socket.EngineSource;
import dev.xtls.jsse.socket.XtlsServerSocketFactory;
import dev.xtls.jsse.socket.XtlsSocketFactory;
import dev.xtls.stapling.OcspStapler;
import dev.xtls.stapling.StaplingSettings;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.x509.ExtendedKeyManagerAdapter;
import dev.xtls.x509.ExtendedTrustManagerAdapter;
import dev.xtls.x509.PkixTrustManagerFactory;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * SSLContextSpi for "TLSv1.3", "TLSv1.2", "TLS" and "Default". Everything mutable (session caches, the crypto, the
 * defaults read from properties) belongs to the instance; there is no static state.
 */
public final class XtlsSSLContext extends SSLContextSpi {
    private final Function<SecureRandom, TlsCrypto> cryptoFactory;
    private final boolean systemDefault;
    private final List<ProtocolVersion> contextProtocols;
    private final LongSupplier clock = System::currentTimeMillis;
    private final XtlsSessionContext clientSessions = new XtlsSessionContext(clock, true);
    private final XtlsSessionContext serverSessions = new XtlsSessionContext(clock);
    private final SessionTickets tickets = new SessionTickets(serverSessions, clock);
    private final SharedSessionCache sharedSessions = new SharedSessionCache(tickets);
    private final KeyLogSetting keyLog = new KeyLogSetting();
    private volatile ContextState state;

    /** {@code cryptoFactory} makes the context's crypto, once, when its first handshake starts. */
    public XtlsSSLContext(Function<SecureRandom, TlsCrypto> cryptoFactory) {
        this(cryptoFactory, false, ProtocolDefaults.DEFAULT_PROTOCOLS);
    }

    /** A context whose engines enable {@code contextProtocols} unless jdk.tls.*.protocols says otherwise. */
    public XtlsSSLContext(Function<SecureRandom, TlsCrypto> cryptoFactory, List<ProtocolVersion> contextProtocols) {
        this(cryptoFactory, false, contextProtocols);
    }

    private XtlsSSLContext(Function<SecureRandom, TlsCrypto> cryptoFactory, boolean systemDefault,
            List<ProtocolVersion> contextProtocols) {
        this.cryptoFactory = Objects.requireNonNull(cryptoFactory);
        this.systemDefault = systemDefault;
        this.contextProtocols = List.copyOf(contextProtocols);
        clientSessions.attach(keyLog);
        serverSessions.attach(keyLog);
    }

    /** The "Default" context: initialised now from the javax.net.ssl.* properties; init() is refused. */
    public static XtlsSSLContext systemDefault(Function<SecureRandom, TlsCrypto> cryptoFactory)
            throws GeneralSecurityException, IOException {
        XtlsSSLContext context = new XtlsSSLContext(cryptoFactory, true, ProtocolDefaults.TLS13_CONTEXT_PROTOCOLS);
        context.initialise(SystemStores.keyManagers(System::getProperty),
                SystemStores.trustManagers(System::getProperty, System.getProperty("java.home")), null);
        return context;
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random)
            throws KeyManagementException {
        if (systemDefault) {
            throw new KeyManagementException("Default SSLContext is initialized automatically");
        }
        initialise(km, tm, random);
    }

    private void initialise(KeyManager[] km, TrustManager[] tm, SecureRandom random) throws KeyManagementException {
        X509ExtendedTrustManager trust = tm == null ? defaultTrustManager() : firstTrustManager(tm);
        SecureRandom r = random != null ? random : new SecureRandom();
        StaplingSettings stapling = StaplingSettings.fromSystem();
        ContextState s = new ContextState(firstKeyManager(km), trust, r, ProtocolDefaults.fromSystem(contextProtocols),
                clientSessions, serverSessions, tickets, cryptoFactory, clock,
                new OcspStapling(stapling.clientEnabled(), null),
                new OcspStapling(false, stapling.serverEnabled() ? new OcspStapler(stapling, clock) : null),
                keyLog, HandshakeTraceLog.fromProperty(System::getProperty));
        tickets.configure(System::getProperty, s::crypto);
        sharedSessions.configure(System::getProperty);
        serverSessions.share(tickets, sharedSessions);
        state = s;
    }

    /** The first X509KeyManager, in its Extended form; null (no credentials) when there is none. */
    static X509ExtendedKeyManager firstKeyManager(KeyManager[] managers) {
        if (managers != null) {
            for (KeyManager m : managers) {
                if (m instanceof X509KeyManager x) {
                    return ExtendedKeyManagerAdapter.of(x);
                }
            }
        }
        return null;
    }

    /** The first X509TrustManager, in its Extended form; null (reject every peer) when there is none. */
    static X509ExtendedTrustManager firstTrustManager(TrustManager[] managers) {
        for (TrustManager m : managers) {
            if (m instanceof X509TrustManager x) {
                return ExtendedTrustManagerAdapter.of(x);
            }
        }
        return null;
    }

    /** As SunJSSE's, the system trust store; Xtls's own PKIX trust manager checks against it. */
    private static X509ExtendedTrustManager defaultTrustManager() throws KeyManagementException {
        try {
            return PkixTrustManagerFactory.trustManager(null);
        } catch (GeneralSecurityException e) {
            throw new KeyManagementException("cannot load the default trust managers: " + e.getMessage(), e);
        }
    }

    ContextState state() {
        ContextState s = state;
        if (s == null) {
            throw new IllegalStateException("SSLContext is not initialized");
        }
        return s;
    }

    /** Before init, the defaults the properties would give now; after, the ones fixed at init. */
    private ProtocolDefaults defaults() {
        ContextState s = state;
        return s != null ? s.defaults() : ProtocolDefaults.fromSystem(contextProtocols);
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
        return new XtlsSSLEngine(state(), null, -1);
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
        return new XtlsSSLEngine(state(), host, port);
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
        return new XtlsSocketFactory(engineSource());
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
        return new XtlsServerSocketFactory(engineSource());
    }

    /** What the sockets get: engines of this context (as it is now initialised) and its suite lists. */
    private EngineSource engineSource() {
        ContextState s = state();
        return new EngineSource() {
            @Override
            public SSLEngine newEngine(String peerHost, int peerPort, SSLSocket socket) {
                return new XtlsSSLEngine(s, peerHost, peerPort, socket);
            }

            @Override
            public void copyXtlsSettings(SSLEngine from, SSLEngine to) {
                if (from instanceof XtlsSSLEngine f && to instanceof XtlsSSLEngine t) {
                    SupplementalDataTypes types = f.supplementalData();
                    t.updateSupplementalData(ignored -> types);
                }
            }

            @Override
            public String[] defaultCipherSuites(boolean client) {
                return s.defaults().cipherSuiteNames(client).toArray(new String[0]);
            }

            @Override
            public String[] supportedCipherSuites() {
                return s.defaults().supportedCipherSuiteNames().toArray(new String[0]);
            }
        };
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
        return serverSessions;
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
        return clientSessions;
    }

    /** As SunJSSE: what a new engine starts with, which is the server side's defaults. */
    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
        ProtocolDefaults d = defaults();
        return new SSLParameters(d.cipherSuiteNames(false).toArray(new String[0]),
                d.serverProtocols().toArray(new String[0]));
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
        ProtocolDefaults d = defaults();
        return new SSLParameters(d.supportedCipherSuiteNames().toArray(new String[0]),
                d.supportedProtocols().toArray(new String[0]));
    }
}
