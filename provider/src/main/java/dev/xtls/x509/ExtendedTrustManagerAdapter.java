package dev.xtls.x509;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A plain X509TrustManager in the Extended form. It delegates to the two-argument checks only: unlike SunJSSE's
 * wrapper it does not add endpoint identification or algorithm constraint checks of its own.
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
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
    }
}
