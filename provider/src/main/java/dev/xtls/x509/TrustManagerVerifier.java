package dev.xtls.x509;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.TlsException;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Checks the peer's chain with the user's trust manager, passing the engine (or the SSLSocket it drives) so that
 * the endpoint identification algorithm and algorithm constraints in its SSLParameters apply. A rejection becomes
 * a {@link TlsException} with the alert SunJSSE sends for it (see {@link CertificateRejection}).
 */
public final class TrustManagerVerifier implements PeerVerifier {
    private final X509ExtendedTrustManager trustManager;
    private final SSLEngine engine;
    private final Socket socket;
    private final AcceptedIssuerNames issuerNames;
    private final LongSupplier clock;

    /** {@code trustManager} null means none was configured: every chain is rejected, as SunJSSE does. */
    public TrustManagerVerifier(X509ExtendedTrustManager trustManager, SSLEngine engine, LongSupplier clock) {
        this(trustManager, engine, null, new AcceptedIssuerNames(), clock);
    }

    /**
     * {@code socket}: the SSLSocket {@code engine} drives, passed to the manager in its place; null for none.
     * {@code issuerNames}: the context's, shared by its engines.
     */
    public TrustManagerVerifier(X509ExtendedTrustManager trustManager, SSLEngine engine, Socket socket,
            AcceptedIssuerNames issuerNames, LongSupplier clock) {
        this.trustManager = trustManager;
        this.engine = engine;
        this.socket = socket;
        this.issuerNames = issuerNames;
        this.clock = clock;
    }

    @Override
    public void verifyServer(List<X509Certificate> chain, String authType) {
        verify("server", chain, authType);
    }

    @Override
    public void verifyClient(List<X509Certificate> chain, String authType) {
        verify("client", chain, authType);
    }

    @Override
    public List<Bytes> acceptedIssuerNames() {
        return trustManager == null ? List.of() : issuerNames.of(trustManager.getAcceptedIssuers());
    }

    private void verify(String side, List<X509Certificate> chain, String authType) {
        if (chain.isEmpty()) {
            throw new TlsException(AlertDescription.BAD_CERTIFICATE, side + " sent an empty certificate chain");
        }
        if (trustManager == null) {
            throw new TlsException(AlertDescription.CERTIFICATE_UNKNOWN, side + " certificate "
                    + chain.get(0).getSubjectX500Principal().getName()
                    + " rejected: no X509TrustManager is configured in the SSLContext");
        }
        X509Certificate[] certs = chain.toArray(new X509Certificate[0]);
        try {
            if (side.equals("server")) {
                if (socket != null) {
                    trustManager.checkServerTrusted(certs, authType, socket);
                } else {
                    trustManager.checkServerTrusted(certs, authType, engine);
                }
            } else if (socket != null) {
                trustManager.checkClientTrusted(certs, authType, socket);
            } else {
                trustManager.checkClientTrusted(certs, authType, engine);
            }
        } catch (CertificateException | RuntimeException e) {
            if (e instanceof TlsException t) {
                throw t;
            }
            throw CertificateRejection.reject(side, chain, e, clock.getAsLong(), hostMismatch(side, chain.get(0)));
        }
    }

    /** Why {@code leaf} fails the endpoint identification the engine asks for; null if it passes or none. */
    private String hostMismatch(String side, X509Certificate leaf) {
        SSLSession session = engine == null ? null : engine.getHandshakeSession();
        if (session == null) {
            return null;
        }
        try {
            EndpointIdentification.check(engine.getSSLParameters().getEndpointIdentificationAlgorithm(), session,
                    leaf, side.equals("client"));
            return null;
        } catch (CertificateException e) {
            return e.getMessage();
        }
    }
}
