package dev.xtls.x509;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactorySpi;

/**
 * TrustManagerFactory "PKIX" (aliases "SunPKIX", "X509", "X.509"), as SunJSSE's: init with a key store trusts its
 * certificate entries and the leaf of each key entry (null: the system trust store, {@link TrustStores}), revocation
 * checked only with {@code com.sun.net.ssl.checkRevocation=true}; init with {@link CertPathTrustManagerParameters}
 * uses their PKIXBuilderParameters as they are.
 */
public final class PkixTrustManagerFactory extends TrustManagerFactorySpi {
    static final String CHECK_REVOCATION = "com.sun.net.ssl.checkRevocation";

    private PkixTrustManager manager;

    /** A trust manager over {@code store}'s certificates; null store: the system trust store. */
    public static PkixTrustManager trustManager(KeyStore store) throws KeyStoreException {
        try {
            KeyStore s = store != null ? store
                    : TrustStores.systemTrustStore(System::getProperty, System.getProperty("java.home"));
            boolean revocation = Boolean.parseBoolean(System.getProperty(CHECK_REVOCATION));
            return new PkixTrustManager(new PkixChainValidator(PkixChainValidator.parameters(anchors(s), revocation)),
                    System::currentTimeMillis);
        } catch (GeneralSecurityException | IOException e) {
            throw new KeyStoreException("cannot load the system trust store: " + e.getMessage(), e);
        }
    }

    @Override
    protected void engineInit(KeyStore ks) throws KeyStoreException {
        manager = trustManager(ks);
    }

    @Override
    protected void engineInit(ManagerFactoryParameters spec) throws InvalidAlgorithmParameterException {
        if (!(spec instanceof CertPathTrustManagerParameters certPath)
                || !(certPath.getParameters() instanceof PKIXBuilderParameters pkix)) {
            throw new InvalidAlgorithmParameterException("TrustManagerFactory PKIX takes CertPathTrustManagerParameters"
                    + " holding PKIXBuilderParameters, not " + (spec == null ? "null" : spec.getClass().getName()));
        }
        manager = new PkixTrustManager(new PkixChainValidator(pkix), System::currentTimeMillis);
    }

    @Override
    protected TrustManager[] engineGetTrustManagers() {
        if (manager == null) {
            throw new IllegalStateException("TrustManagerFactory is not initialized");
        }
        return new TrustManager[] {manager};
    }

    /** As SunJSSE: the certificate entries, and the end-entity certificate of each key entry. */
    private static Set<TrustAnchor> anchors(KeyStore store) throws KeyStoreException {
        Set<TrustAnchor> anchors = new HashSet<>();
        for (String alias : Collections.list(store.aliases())) {
            Certificate cert = null;
            if (store.isCertificateEntry(alias)) {
                cert = store.getCertificate(alias);
            } else if (store.isKeyEntry(alias)) {
                Certificate[] chain = store.getCertificateChain(alias);
                cert = chain == null || chain.length == 0 ? null : chain[0];
            }
            if (cert instanceof X509Certificate x) {
                anchors.add(new TrustAnchor(x, null));
            }
        }
        return anchors;
    }
}
