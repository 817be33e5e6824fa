package dev.xtls.testing;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS implementation to test with or against. Each call builds a fresh provider object where the implementation
 * allows it; no provider is ever registered with {@link Security}, so tests cannot leak providers into each other.
 */
public enum Peer {
    /** The JDK's SunJSSE with its own PKIX key and trust managers. */
    SUN {
        @Override
        public Provider provider() {
            Provider p = Security.getProvider("SunJSSE");
            if (p == null) {
                throw new IllegalStateException("SunJSSE is not installed");
            }
            return p;
        }

        @Override
        Provider managerProvider() {
            return provider();
        }
    },
    /** Bouncy Castle JSSE (bctls), configured as its documentation says: PKIX managers from the same provider. */
    BC {
        @Override
        public Provider provider() {
            // BC's crypto from its own provider object (never registered): ChaCha20-Poly1305 needs it
            return new org.bouncycastle.jsse.provider.BouncyCastleJsseProvider(
                    new org.bouncycastle.jce.provider.BouncyCastleProvider());
        }

        @Override
        Provider managerProvider() {
            return null; // same provider object as the context: see context()
        }
    },
    /** Xtls itself, loaded by name so this class compiles before the provider exists; SunJSSE's managers. */
    XTLS {
        @Override
        public Provider provider() {
            try {
                return (Provider) Class.forName(XTLS_PROVIDER_CLASS).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot instantiate " + XTLS_PROVIDER_CLASS, e);
            }
        }

        @Override
        Provider managerProvider() {
            return SUN.provider();
        }
    };

    public static final String XTLS_PROVIDER_CLASS = "dev.xtls.XtlsProvider";
    public static final String TLS12 = "TLSv1.2";
    /** The protocol-version-free context name: TLS 1.3 and 1.2 enabled, 1.3 preferred (as SunJSSE's "TLS"). */
    public static final String TLS = "TLS";

    /** A provider instance implementing {@code SSLContext.TLSv1.2} and {@code SSLContext.TLS}. */
    public abstract Provider provider();

    /** Provider of KeyManagerFactory/TrustManagerFactory "PKIX"; null means the context's own provider object. */
    abstract Provider managerProvider();

    /**
     * A TLSv1.2 SSLContext whose key manager holds {@code credentials} (none: no key manager, e.g. for a client
     * without a certificate) and whose trust manager trusts the root of {@code pki}.
     */
    public SSLContext context(TestPki pki, Credential... credentials) {
        return context(pki.trustStore(), credentials.length == 0 ? null : pki.keyStore(credentials));
    }

    /**
     * As {@link #context(TestPki, Credential...)}, but an SSLContext of the given name: {@link #TLS} for the
     * default one that negotiates TLS 1.3 where the peer can, {@link #TLS12} for the TLS 1.2 one.
     */
    public SSLContext context(String protocol, TestPki pki, Credential... credentials) {
        return context(protocol, pki.trustStore(), credentials.length == 0 ? null : pki.keyStore(credentials));
    }

    /**
     * As {@link #context(TestPki, Credential...)}, but an Xtls context neither offers nor accepts session tickets
     * (RFC 5077), so it resumes by session id only: the jdk.tls.*.enableSessionTicketExtension switches are set
     * while it initialises. SunJSSE reads them once per JVM and Bouncy Castle JSSE has no tickets: theirs are as
     * {@link #context(TestPki, Credential...)} makes them.
     */
    public SSLContext contextWithoutTickets(TestPki pki, Credential... credentials) {
        if (this != XTLS) {
            return context(pki, credentials);
        }
        List<String> switches = List.of("jdk.tls.client.enableSessionTicketExtension",
                "jdk.tls.server.enableSessionTicketExtension");
        synchronized (Peer.class) {
            List<String> before = switches.stream().map(System::getProperty).toList();
            switches.forEach(k -> System.setProperty(k, "false"));
            try {
                return context(pki, credentials);
            } finally {
                for (int i = 0; i < switches.size(); i++) {
                    if (before.get(i) == null) {
                        System.clearProperty(switches.get(i));
                    } else {
                        System.setProperty(switches.get(i), before.get(i));
                    }
                }
            }
        }
    }

    /**
     * Like {@link #context(TestPki, Credential...)}, but the trust manager is a {@link PlainTrustManager} over the
     * PKIX one, so the implementation must add endpoint identification itself.
     */
    public SSLContext contextWithPlainTrustManager(TestPki pki, Credential... credentials) {
        try {
            Provider p = provider();
            Provider managers = managerProvider() == null ? p : managerProvider();
            KeyManager[] kms = null;
            if (credentials.length > 0) {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX", managers);
                kmf.init(pki.keyStore(credentials), TestPki.PASSWORD.toCharArray());
                kms = kmf.getKeyManagers();
            }
            SSLContext ctx = SSLContext.getInstance(TLS12, p);
            ctx.init(kms, PlainTrustManager.over(pki), new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build " + this + " SSLContext", e);
        }
    }

    /** A TLSv1.2 SSLContext over the given stores (password {@value TestPki#PASSWORD}); either may be null. */
    public SSLContext context(KeyStore trustStore, KeyStore keyStore) {
        return context(TLS12, trustStore, keyStore);
    }

    /** An SSLContext named {@code protocol} ("TLS", "TLSv1.2") over the given stores; either may be null. */
    public SSLContext context(String protocol, KeyStore trustStore, KeyStore keyStore) {
        try {
            Provider p = provider();
            Provider managers = managerProvider() == null ? p : managerProvider();
            KeyManager[] kms = null;
            if (keyStore != null) {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX", managers);
                kmf.init(keyStore, TestPki.PASSWORD.toCharArray());
                kms = kmf.getKeyManagers();
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", managers);
            tmf.init(trustStore);
            SSLContext ctx = SSLContext.getInstance(protocol, p);
            // An explicit SecureRandom: with null, BCJSSE asks for SecureRandom "DEFAULT", which exists only while
            // the BC provider is registered, and these tests register no provider.
            ctx.init(kms, tmf.getTrustManagers(), new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build " + this + " SSLContext", e);
        }
    }

    /**
     * An engine for {@code role} restricted to TLSv1.2 and, if given, {@code cipherSuites}. A client engine targets
     * peer host "localhost", port 443 and checks the server's name (endpoint identification "HTTPS").
     */
    public static SSLEngine engine(SSLContext ctx, Role role, String... cipherSuites) {
        SSLEngine e = role == Role.CLIENT ? ctx.createSSLEngine("localhost", 443) : ctx.createSSLEngine();
        e.setUseClientMode(role == Role.CLIENT);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {TLS12});
        if (cipherSuites.length > 0) {
            p.setCipherSuites(cipherSuites.clone());
        }
        if (role == Role.CLIENT) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        e.setSSLParameters(p);
        return e;
    }

    /** {@link #context} then {@link #engine}: the usual one-liner for engine tests. */
    public SSLEngine engine(Role role, TestPki pki, Credential credential, String... cipherSuites) {
        SSLContext ctx = credential == null ? context(pki) : context(pki, credential);
        return engine(ctx, role, cipherSuites);
    }
}
