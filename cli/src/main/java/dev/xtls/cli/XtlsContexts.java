package dev.xtls.cli;

import dev.xtls.XtlsProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Xtls SSLContexts for the commands; the provider is used as an object, never registered. */
final class XtlsContexts {
    private XtlsContexts() {
    }

    static SSLContext create(KeyManager[] keys, TrustManager[] trust) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS", new XtlsProvider());
        context.init(keys, trust, null);
        return context;
    }

    /** PKIX over the CA certificates in {@code caFile} (PEM), or the JDK's cacerts when null. */
    static X509ExtendedTrustManager pkix(Path caFile) throws GeneralSecurityException, IOException {
        KeyStore anchors = null;
        if (caFile != null) {
            anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            try (InputStream in = Files.newInputStream(caFile)) {
                int i = 0;
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    anchors.setCertificateEntry("ca" + i++, c);
                }
                if (i == 0) {
                    throw new GeneralSecurityException("no certificate in " + caFile);
                }
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(anchors);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X509ExtendedTrustManager from PKIX");
    }
}
