package dev.xtls.x509;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A plain X509TrustManager in the Extended form. As SunJSSE's wrapper does, the engine and socket checks call the
 * two-argument check and then add what an Extended manager does itself: the host-name check of the endpoint
 * identification algorithm in the engine's or socket's SSLParameters, and the chain's algorithms against the
 * signature algorithms offered and the SSLParameters' AlgorithmConstraints.
 */
public final class ExtendedTrustManagerAdapter extends X509ExtendedTrustManager {
    private final X509TrustManager delegate;

    private ExtendedTrustManagerAdapter(X509TrustManager delegate) {
        this.delegate = Objects.requireNonNull(delegate);
    }

    /** {@code manager} itself when it is already Extended. */
    public static X509ExtendedTrustManager of(X509TrustManager manager) {
        return manager instanceof X509ExtendedTrustManager e ? e : new ExtendedTrustManagerAdapter(manager);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
        checkAdditionalTrust(chain, socket, true);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
        checkAdditionalTrust(chain, socket, false);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
        checkAdditionalTrust(chain, engine, true);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
        checkAdditionalTrust(chain, engine, false);
    }

    // as SunJSSE: only a connected SSLSocket has parameters and a handshake session to check against
    private void checkAdditionalTrust(X509Certificate[] chain, Socket socket, boolean checkingClient)
            throws CertificateException {
        if (socket instanceof SSLSocket ssl && ssl.isConnected()) {
            checkAdditionalTrust(chain, ssl.getHandshakeSession(), ssl.getSSLParameters(), checkingClient);
        }
    }

    private void checkAdditionalTrust(X509Certificate[] chain, SSLEngine engine, boolean checkingClient)
            throws CertificateException {
        if (engine != null) {
            checkAdditionalTrust(chain, engine.getHandshakeSession(), engine.getSSLParameters(), checkingClient);
        }
    }

    private void checkAdditionalTrust(X509Certificate[] chain, SSLSession handshakeSession,
            SSLParameters parameters, boolean checkingClient) throws CertificateException {
        if (handshakeSession == null) {
            throw new CertificateException("no handshake session: the certificate is checked outside a handshake");
        }
        if (chain == null || chain.length == 0) {
            throw new CertificateException("empty certificate chain");
        }
        EndpointIdentification.check(parameters.getEndpointIdentificationAlgorithm(), handshakeSession, chain[0],
                checkingClient);
        ChainAlgorithmConstraints.check(chain, delegate.getAcceptedIssuers(), handshakeSession,
                parameters.getAlgorithmConstraints());
    }
}
