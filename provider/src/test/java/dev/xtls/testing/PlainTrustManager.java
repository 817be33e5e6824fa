package dev.xtls.testing;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A plain (not Extended) X509TrustManager that delegates to another one: the shape of composite, pinning and
 * reloadable trust managers in applications. Host-name checks for it are the TLS implementation's job.
 */
public final class PlainTrustManager implements X509TrustManager {
    private final X509TrustManager delegate;

    public PlainTrustManager(X509TrustManager delegate) {
        this.delegate = Objects.requireNonNull(delegate);
    }

    /** The PKIX manager of {@code pki} behind the plain interface, as an array for {@code SSLContext.init}. */
    public static TrustManager[] over(TestPki pki) {
        return new TrustManager[] {new PlainTrustManager(pki.trustManager())};
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
}
