package dev.xtls.it.ocsp;

import dev.xtls.testing.Peer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilder;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.X509CertSelector;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/** SSLContexts for the OCSP tests and one client connection that reports what was stapled. */
final class OcspContexts {
    static final int IO_TIMEOUT_MILLIS = 20_000;

    private OcspContexts() {
    }

    /**
     * A context of {@code peer} made while {@code properties} are set (SunJSSE and Xtls read the stapling switches
     * when a context is made); the previous values are restored afterwards.
     */
    static SSLContext context(Peer peer, X509ExtendedKeyManager keyManager, TrustManagerFactory trust,
            Map<String, String> properties) {
        synchronized (Peer.class) {
            Map<String, String> before = new LinkedHashMap<>();
            properties.forEach((k, v) -> before.put(k, System.setProperty(k, v)));
            try {
                SSLContext ctx = SSLContext.getInstance("TLS", peer.provider());
                ctx.init(keyManager == null ? null : new X509ExtendedKeyManager[] {keyManager},
                        trust.getTrustManagers(), null);
                return ctx;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            } finally {
                before.forEach((k, v) -> {
                    if (v == null) {
                        System.clearProperty(k);
                    } else {
                        System.setProperty(k, v);
                    }
                });
            }
        }
    }

    /** PKIX with the CA as anchor and no revocation checking. */
    static TrustManagerFactory plainTrust(OcspPki pki) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", Peer.SUN.provider());
            tmf.init(pki.trustStore());
            return tmf;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * PKIX with revocation checking of the server certificate by OCSP, and no fallback to CRLs: the stapled
     * response is used when there is one (SunJSSE's X509TrustManagerImpl hands it to the checker), else the
     * checker asks the responder itself.
     */
    static TrustManagerFactory revocationTrust(OcspPki pki) {
        try {
            KeyStore anchors = pki.trustStore();
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, new X509CertSelector());
            PKIXRevocationChecker checker = (PKIXRevocationChecker) CertPathBuilder.getInstance("PKIX")
                    .getRevocationChecker();
            checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.ONLY_END_ENTITY,
                    PKIXRevocationChecker.Option.NO_FALLBACK));
            params.addCertPathChecker(checker);
            params.setRevocationEnabled(true);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", Peer.SUN.provider());
            tmf.init(new CertPathTrustManagerParameters(params));
            return tmf;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What one completed client handshake saw. */
    record Connection(String protocol, List<byte[]> statusResponses, long handshakeNanos) {
    }

    /**
     * Connects to 127.0.0.1:{@code port} with {@code protocol}, completes the handshake, sends a line, closes. The
     * session is then invalidated, so the next connection is a full handshake again (a resumption shows no
     * Certificate and so no staple).
     */
    static Connection connect(SSLContext ctx, int port, String protocol) throws IOException {
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(IO_TIMEOUT_MILLIS);
            SSLParameters p = s.getSSLParameters();
            p.setProtocols(new String[] {protocol});
            s.setSSLParameters(p);
            long start = System.nanoTime();
            s.startHandshake();
            long took = System.nanoTime() - start;
            ExtendedSSLSession session = (ExtendedSSLSession) s.getSession();
            s.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            s.getInputStream().read(); // the server's answer or end of stream
            session.invalidate();
            return new Connection(session.getProtocol(), session.getStatusResponses(), took);
        }
    }
}
