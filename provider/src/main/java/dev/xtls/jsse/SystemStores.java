package dev.xtls.jsse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.function.Function;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The Default context's key and trust material, read from the {@code javax.net.ssl.*} system properties as
 * SunJSSE reads them: {@code keyStore}, {@code keyStorePassword}, {@code keyStoreType}, {@code keyStoreProvider}
 * and the same four for {@code trustStore}. A store path of "NONE" loads the store without a file (PKCS#11).
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
        char[] password = password(property.apply("javax.net.ssl.keyStorePassword"));
        KeyStore store = load(path, property.apply("javax.net.ssl.keyStoreType"),
                property.apply("javax.net.ssl.keyStoreProvider"), password);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, password != null ? password : new char[0]);
        return kmf.getKeyManagers();
    }

    /**
     * Trust managers from javax.net.ssl.trustStore*; without that property, from the JDK's jssecacerts if
     * present, else cacerts ({@code javaHome}/lib/security).
     */
    static TrustManager[] trustManagers(Function<String, String> property, String javaHome)
            throws GeneralSecurityException, IOException {
        String path = property.apply("javax.net.ssl.trustStore");
        if (path == null || path.isEmpty()) {
            Path security = Path.of(javaHome, "lib", "security");
            Path jssecacerts = security.resolve("jssecacerts");
            path = (Files.isRegularFile(jssecacerts) ? jssecacerts : security.resolve("cacerts")).toString();
        }
        KeyStore store = load(path, property.apply("javax.net.ssl.trustStoreType"),
                property.apply("javax.net.ssl.trustStoreProvider"),
                password(property.apply("javax.net.ssl.trustStorePassword")));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return tmf.getTrustManagers();
    }

    private static KeyStore load(String path, String type, String provider, char[] password)
            throws GeneralSecurityException, IOException {
        String storeType = type == null || type.isEmpty() ? KeyStore.getDefaultType() : type;
        KeyStore store = provider == null || provider.isEmpty()
                ? KeyStore.getInstance(storeType) : KeyStore.getInstance(storeType, provider);
        if (path.equals("NONE")) {
            store.load(null, password);
        } else {
            try (InputStream in = Files.newInputStream(Path.of(path))) {
                store.load(in, password);
            }
        }
        return store;
    }

    private static char[] password(String value) {
        return value == null || value.isEmpty() ? null : value.toCharArray();
    }
}
