package dev.xtls.bench;

import dev.xtls.testing.Credential;
import dev.xtls.testing.TestPki;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;
import org.conscrypt.Conscrypt;

/**
 * The TLS implementations under test, each configured the way its own documentation says. No provider is ever
 * registered with {@link Security}: a registered Conscrypt or BC provider would also serve the JDK's ciphers and
 * distort every other column.
 */
public enum Impl {
    /** The JDK's SunJSSE with its default key manager (see {@link #JDK_KEY_MANAGER}) and PKIX trust manager. */
    SUN("SunJSSE") {
        @Override
        Provider provider() {
            return Security.getProvider("SunJSSE");
        }

        @Override
        Provider managers() {
            return provider();
        }

        @Override
        boolean restrictGroups(SSLEngine engine, List<String> groups) {
            // jdk.tls.namedGroups is global and JDK 17's SSLParameters has no setNamedGroups; SunJSSE filters its
            // groups through the engine's AlgorithmConstraints (NamedGroup.isPermitted), which works per engine.
            // The order stays SunJSSE's own (x25519 before secp256r1).
            return restrictByConstraints(engine, groups);
        }
    },
    /**
     * Bouncy Castle JSSE over Bouncy Castle's JCA provider object (as the provider's test harness, Peer.BC, has it);
     * its own PKIX managers (the only ones that pick EC keys). {@code -Dxtls.bench.bcCrypto=jdk} runs it on the
     * JDK's JCA providers instead ({@code new BouncyCastleJsseProvider()} with BC not registered).
     */
    BC("BCJSSE") {
        @Override
        Provider provider() {
            if ("jdk".equals(System.getProperty("xtls.bench.bcCrypto"))) {
                return new org.bouncycastle.jsse.provider.BouncyCastleJsseProvider(); // the JDK's JCA providers
            }
            return new org.bouncycastle.jsse.provider.BouncyCastleJsseProvider(
                    new org.bouncycastle.jce.provider.BouncyCastleProvider());
        }

        @Override
        Provider managers() {
            return null; // the context's own provider object
        }

        @Override
        boolean sessionTickets(SSLEngine engine, boolean on) {
            return !on; // BCJSSE 1.84 resumes by session ID only
        }

        @Override
        boolean restrictGroups(SSLEngine engine, List<String> groups) {
            // BC's own API for the groups of one engine
            BCSSLEngine bc = (BCSSLEngine) engine;
            BCSSLParameters p = bc.getParameters();
            p.setNamedGroups(groups.toArray(new String[0]));
            bc.setParameters(p);
            return true;
        }
    },
    /** Conscrypt (BoringSSL through JNI): its provider object, its PKIX trust manager, the JDK's default key manager. */
    CONSCRYPT("Conscrypt") {
        @Override
        Provider provider() {
            return Conscrypt.newProvider();
        }

        @Override
        Provider managers() {
            return null;
        }

        @Override
        Provider keyManagers() {
            return SUN.provider(); // Conscrypt has no KeyManagerFactory
        }

        @Override
        boolean sessionTickets(SSLEngine engine, boolean on) {
            Conscrypt.setUseSessionTickets(engine, on); // per engine; both ends must agree
            return true;
        }

        @Override
        boolean restrictGroups(SSLEngine engine, List<String> groups) {
            // Conscrypt 2.5.2 has no API to choose groups; BoringSSL offers and prefers x25519, P-256, P-384.
            return groups.get(0).equals("x25519");
        }
    },
    /** Xtls with SunJSSE's managers, as SunJSSE has them (Xtls uses whatever X509Extended*Manager it is given). */
    XTLS("Xtls") {
        @Override
        Provider provider() {
            return new dev.xtls.XtlsProvider();
        }

        @Override
        Provider managers() {
            return SUN.provider();
        }

        @Override
        boolean restrictGroups(SSLEngine engine, List<String> groups) {
            return restrictByConstraints(engine, groups);
        }
    };

    public static final String TLS12 = "TLSv1.2";
    public static final String TLS13 = "TLSv1.3";

    /**
     * The JDK key manager for SunJSSE, Conscrypt and Xtls: the JDK's default ({@code ssl.KeyManagerFactory.algorithm},
     * "SunX509"), which decrypts the key entries once. Its "PKIX" manager fetches the PKCS#12 entry again under a
     * fresh alias on every handshake (PBKDF2, about a quarter of an ECDSA handshake here); run with
     * {@code -jvmArgsAppend -Dxtls.bench.keyManager=PKIX} to measure that way.
     */
    static final String JDK_KEY_MANAGER =
            System.getProperty("xtls.bench.keyManager", KeyManagerFactory.getDefaultAlgorithm());

    /** BCJSSE logs two INFO lines per connection by default; a production server turns that off, and so do we. */
    private static final Logger BC_LOG = Logger.getLogger("org.bouncycastle.jsse");

    static {
        BC_LOG.setLevel(Level.WARNING);
    }

    private final String label;

    Impl(String label) {
        this.label = label;
    }

    /** The column heading. */
    public String label() {
        return label;
    }

    abstract Provider provider();

    /** Provider of the PKIX trust (and key) manager factories; null: the context's own provider object. */
    abstract Provider managers();

    /** Provider of the PKIX key manager factory; null: the context's own provider object. */
    Provider keyManagers() {
        return managers();
    }

    /** The algorithm of the key manager factory when it comes from {@link #keyManagers()}. */
    String keyManagerAlgorithm() {
        return JDK_KEY_MANAGER;
    }

    /**
     * Makes {@code engine} use RFC 5077 session tickets or not; false if this implementation cannot be told to. For
     * SunJSSE and Xtls the context's switches decide ({@code jdk.tls.client/server.enableSessionTicketExtension},
     * read when the context is made), so this returns true and the benchmark sets them for its fork.
     */
    boolean sessionTickets(SSLEngine engine, boolean on) {
        return true;
    }

    /**
     * Restricts the groups {@code engine} (already carrying its other parameters) offers or accepts to
     * {@code groups}, the first preferred; false if this implementation cannot be told to.
     */
    abstract boolean restrictGroups(SSLEngine engine, List<String> groups);

    /** A TLSv1.2 context that trusts the root of {@code pki} and, if given, holds {@code credential}. */
    public SSLContext context(TestPki pki, Credential credential) {
        return context(pki, credential, TLS12);
    }

    /** A {@code protocol} context ("TLSv1.2" or "TLSv1.3") that trusts {@code pki}'s root, with {@code credential}. */
    public SSLContext context(TestPki pki, Credential credential, String protocol) {
        return context(pki, credential, protocol, ContextConfig.TUNED);
    }

    /** As {@link #context(TestPki, Credential, String)}, its managers and key store as {@code config} has them. */
    public SSLContext context(TestPki pki, Credential credential, String protocol, ContextConfig config) {
        try {
            Provider p = provider();
            KeyManager[] kms = null;
            if (credential != null) {
                KeyStore keys = pki.keyStore(credential);
                KeyManagerFactory kmf = config.defaults() ? defaultKeyManagers(p, config.jdkKeyManager())
                        : keyManagers() == null ? KeyManagerFactory.getInstance("PKIX", p)
                        : KeyManagerFactory.getInstance(keyManagerAlgorithm(), keyManagers());
                kmf.init(config.defaults() ? reloaded(keys) : keys, TestPki.PASSWORD.toCharArray());
                kms = kmf.getKeyManagers();
                if (config.defaults()) {
                    System.out.println(label + " " + config + ": KeyManagerFactory " + kmf.getAlgorithm() + " of "
                            + kmf.getProvider().getName());
                }
            }
            TrustManagerFactory tmf = config.defaults() ? defaultTrustManagers(p)
                    : managers() == null ? TrustManagerFactory.getInstance("PKIX", p)
                    : TrustManagerFactory.getInstance("PKIX", managers());
            tmf.init(config.defaults() ? reloaded(pki.trustStore()) : pki.trustStore());
            SSLContext ctx = SSLContext.getInstance(protocol, p);
            // explicit: BCJSSE would otherwise look for SecureRandom "DEFAULT", present only with BC registered
            ctx.init(kms, tmf.getTrustManagers(), new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the " + label + " context", e);
        }
    }

    /**
     * The key manager factory a user gets: BCJSSE's own PKIX; for the others the JDK's {@code algorithm}, except
     * that Xtls's own "PKIX" is used once the provider registers one.
     */
    private KeyManagerFactory defaultKeyManagers(Provider p, String algorithm) throws NoSuchAlgorithmException {
        if (this == BC) {
            return KeyManagerFactory.getInstance("PKIX", p);
        }
        if (this == XTLS && p.getService("KeyManagerFactory", algorithm) != null) {
            return KeyManagerFactory.getInstance(algorithm, p);
        }
        return KeyManagerFactory.getInstance(algorithm, SUN.provider());
    }

    /** PKIX: the implementation's own (SunJSSE's for SunJSSE; the JDK's for Xtls until it registers one). */
    private TrustManagerFactory defaultTrustManagers(Provider p) throws NoSuchAlgorithmException {
        boolean own = this == BC || this == CONSCRYPT || this == SUN
                || p.getService("TrustManagerFactory", "PKIX") != null;
        return TrustManagerFactory.getInstance("PKIX", own ? p : SUN.provider());
    }

    /** {@code store} written to PKCS#12 bytes and read back, as a server loads its key store file. */
    private static KeyStore reloaded(KeyStore store) throws GeneralSecurityException, IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, TestPki.PASSWORD.toCharArray());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(new ByteArrayInputStream(bytes.toByteArray()), TestPki.PASSWORD.toCharArray());
        return ks;
    }

    /**
     * A TLSv1.2 engine offering only {@code suite}; a client targets "localhost":443 and checks the server's name.
     * With non-null {@code groups} the engine offers or accepts only those.
     */
    public SSLEngine engine(SSLContext ctx, boolean client, String suite, List<String> groups) {
        return engine(ctx, client, suite, groups, TLS12);
    }

    /** As {@link #engine(SSLContext, boolean, String, List)}, enabling only {@code protocol}. */
    public SSLEngine engine(SSLContext ctx, boolean client, String suite, List<String> groups, String protocol) {
        return engine(ctx, client, suite, groups, protocol, 443);
    }

    /**
     * As {@link #engine(SSLContext, boolean, String, List, String)}, a client targeting "localhost":{@code port}
     * (client session caches are keyed by host and port: one port per thread keeps threads' sessions apart).
     */
    public SSLEngine engine(SSLContext ctx, boolean client, String suite, List<String> groups, String protocol,
            int port) {
        SSLEngine e = client ? ctx.createSSLEngine("localhost", port) : ctx.createSSLEngine();
        e.setUseClientMode(client);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {protocol});
        p.setCipherSuites(new String[] {suite});
        if (client) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        e.setSSLParameters(p);
        if (groups != null && !restrictGroups(e, groups)) {
            throw new UnsupportedOperationException(label + " cannot be restricted to groups " + groups);
        }
        return e;
    }

    private static boolean restrictByConstraints(SSLEngine engine, List<String> groups) {
        SSLParameters p = engine.getSSLParameters();
        p.setAlgorithmConstraints(new GroupConstraints(groups));
        engine.setSSLParameters(p);
        return true;
    }
}
