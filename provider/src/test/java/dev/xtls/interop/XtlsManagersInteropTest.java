package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xtls.XtlsProvider;
import dev.xtls.testing.Credential;
import dev.xtls.testing.EnginePair;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/**
 * Handshakes with SunJSSE peers where Xtls uses its own PKIX key and trust managers: the server certificate chosen
 * for each SNI host name is the one a SunJSSE server with SunJSSE's managers chooses from the same store, and an
 * Xtls client or server reaches the verdict, and sends the alert, it does with SunJSSE's PKIX managers.
 */
class XtlsManagersInteropTest {
    private static final TestPki PKI = TestPki.create();
    private static final int SERVER_USAGE = KeyUsage.digitalSignature | KeyUsage.keyAgreement;
    private static final Credential LOCALHOST = PKI.withUsage("localhost", "localhost", SERVER_USAGE,
            KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);
    private static final Credential OTHER = PKI.withUsage("other", "other.example", SERVER_USAGE,
            KeyPurposeId.id_kp_serverAuth);
    private static final Credential WILDCARD = PKI.withUsage("wildcard", "*.xtls.test", SERVER_USAGE,
            KeyPurposeId.id_kp_serverAuth);

    @Test
    void theServerCertificateForEachSniHostIsTheOneSunJsseChooses() {
        KeyStore keys = PKI.keyStore(LOCALHOST, OTHER, WILDCARD);
        for (String host : List.of("localhost", "other.example", "a.xtls.test", "unknown.example")) {
            X509Certificate sun = serverCertificate(context(Peer.SUN.provider(), Peer.SUN.provider(), keys), host);
            Provider xtls = new XtlsProvider();
            X509Certificate ours = serverCertificate(context(xtls, xtls, keys), host);
            assertEquals(sun.getSubjectX500Principal(), ours.getSubjectX500Principal(), "SNI " + host);
        }
    }

    @Test
    void anXtlsClientJudgesServerCertificatesAsWithSunJssesManagers() {
        for (Credential server : List.of(LOCALHOST, OTHER, PKI.expired(), PKI.untrusted(), PKI.rsa2048())) {
            KeyStore keys = PKI.keyStore(server);
            Provider xtls = new XtlsProvider();
            // an Xtls client with SunJSSE's trust manager, then with its own; a SunJSSE server
            String withSun = outcome(client(context(xtls, Peer.SUN.provider(), null), "localhost"),
                    server(context(Peer.SUN.provider(), Peer.SUN.provider(), keys)));
            String withXtls = outcome(client(context(xtls, xtls, null), "localhost"),
                    server(context(Peer.SUN.provider(), Peer.SUN.provider(), keys)));
            assertEquals(withSun, withXtls, "server certificate " + server.name());
        }
    }

    @Test
    void anXtlsServerJudgesClientCertificatesAsWithSunJssesManagers() {
        for (Credential clientKey : List.of(LOCALHOST, PKI.untrusted(), PKI.expired(), OTHER)) {
            KeyStore serverKeys = PKI.keyStore(LOCALHOST);
            Provider xtls = new XtlsProvider();
            String withSun = outcome(client(context(Peer.SUN.provider(), Peer.SUN.provider(),
                    PKI.keyStore(clientKey)), "localhost"), needClientAuth(server(context(xtls,
                    Peer.SUN.provider(), serverKeys))));
            String withXtls = outcome(client(context(Peer.SUN.provider(), Peer.SUN.provider(),
                    PKI.keyStore(clientKey)), "localhost"), needClientAuth(server(context(xtls, xtls, serverKeys))));
            assertEquals(withSun, withXtls, "client certificate " + clientKey.name());
        }
    }

    private static SSLContext context(Provider tls, Provider managers, KeyStore keys) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX", managers);
            kmf.init(keys, TestPki.PASSWORD.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", managers);
            tmf.init(PKI.trustStore());
            SSLContext ctx = SSLContext.getInstance(Peer.TLS12, tls);
            ctx.init(keys == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return ctx;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SSLEngine client(SSLContext ctx, String sniHost) {
        SSLEngine e = Peer.engine(ctx, Role.CLIENT);
        SSLParameters p = e.getSSLParameters();
        p.setServerNames(List.of(new SNIHostName(sniHost)));
        p.setEndpointIdentificationAlgorithm("HTTPS");
        e.setSSLParameters(p);
        return e;
    }

    private static SSLEngine server(SSLContext ctx) {
        return Peer.engine(ctx, Role.SERVER);
    }

    private static SSLEngine needClientAuth(SSLEngine server) {
        server.setNeedClientAuth(true);
        return server;
    }

    /** The certificate a SunJSSE client (trusting everything of the PKI, no host check) gets for {@code host}. */
    private static X509Certificate serverCertificate(SSLContext serverCtx, String host) {
        SSLEngine client = client(context(Peer.SUN.provider(), Peer.SUN.provider(), null), host);
        SSLParameters p = client.getSSLParameters();
        p.setEndpointIdentificationAlgorithm(null);
        client.setSSLParameters(p);
        EnginePair pair = EnginePair.of(client, server(serverCtx), EnginePair.Mode.NORMAL);
        pair.handshake();
        try {
            return (X509Certificate) client.getSession().getPeerCertificates()[0];
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            throw new AssertionError(e);
        }
    }

    /** "established", or which side failed and the alert the other side received. */
    private static String outcome(SSLEngine client, SSLEngine server) {
        EnginePair pair = EnginePair.builder(client, server).lenient().build();
        try {
            EnginePair.Failure f = pair.expectHandshakeFailure();
            return "failed: client got " + f.alertReceivedByClient() + ", server got " + f.alertReceivedByServer();
        } catch (AssertionError e) {
            if (e.getMessage().startsWith("handshake completed")) {
                return "established";
            }
            throw e;
        }
    }
}
