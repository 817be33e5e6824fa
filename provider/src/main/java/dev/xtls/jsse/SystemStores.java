package dev.xtls.jsse;

import dev.xtls.x509.PkixKeyManagerFactory;
import dev.xtls.x509.PkixTrustManagerFactory;
import dev.xtls.x509.TrustStores;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.function.Function;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

/**
 * The Default context's key and trust material, read from the {@code javax.net.ssl.*} system properties as
 * SunJSSE reads them: {@code keyStore}, {@code keyStorePassword}, {@code keyStoreType}, {@code keyStoreProvider}
 * and the same four for {@code trustStore} ({@link TrustStores}). Xtls's own PKIX managers serve them: the keys are
 * decrypted once, here, not on every handshake.
 */
final class SystemStores {
    private SystemStores() {
    }

    /** Key managers from javax.net.ssl.keyStore*, or null (no credentials) when no key store is named. */
    static KeyManager[] keyManagers(Function<String, String> property) throws GeneralSecurityException, IOException {
        String path = property.apply("javax.net.ssl.keyStore");
        if (path == null || path.isEmpty()) {
            return null;
        }
        char[] password = TrustStores.password(property.apply("javax.net.ssl.keyStorePassword"));
        KeyStore store = TrustStores.load(path, property.apply("javax.net.ssl.keyStoreType"),
                property.apply("javax.net.ssl.keyStoreProvider"), password);
        return new KeyManager[] {PkixKeyManagerFactory.keyManager(store, password)};
    }

    /**
     * Trust managers from javax.net.ssl.trustStore*; without that property, from the JDK's jssecacerts if
     * present, else cacerts ({@code javaHome}/lib/security).
     */
    static TrustManager[] trustManagers(Function<String, String> property, String javaHome)
            throws GeneralSecurityException, IOException {
        return new TrustManager[] {PkixTrustManagerFactory.trustManager(TrustStores.systemTrustStore(property,
                javaHome))};
    }
}
