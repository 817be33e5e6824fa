package dev.xtls.cli;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The server's chain checked by PKIX (with host-name checks when the socket asks for them), the verdict kept in
 * words. Insecure: the chain is accepted whatever the verdict, so the connection goes on and the verdict is shown.
 */
final class ValidationRecorder extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager pkix;
    private final boolean insecure;
    private volatile String verdict = "not checked (no certificate received)";

    ValidationRecorder(X509ExtendedTrustManager pkix, boolean insecure) {
        this.pkix = pkix;
        this.insecure = insecure;
    }

    /** "trusted" or "NOT trusted: why". */
    String verdict() {
        return verdict;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        try {
            pkix.checkServerTrusted(chain, authType, socket);
            verdict = "trusted";
        } catch (CertificateException e) {
            refused(e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            pkix.checkServerTrusted(chain, authType, engine);
            verdict = "trusted";
        } catch (CertificateException e) {
            refused(e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            pkix.checkServerTrusted(chain, authType);
            verdict = "trusted";
        } catch (CertificateException e) {
            refused(e);
        }
    }

    private void refused(CertificateException e) throws CertificateException {
        verdict = "NOT trusted: " + e.getMessage();
        if (!insecure) {
            throw e;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("xtls connect is a client");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("xtls connect is a client");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("xtls connect is a client");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }
}
