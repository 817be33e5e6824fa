package dev.xtls.x509;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.function.Function;

/**
 * Key and trust stores named by the {@code javax.net.ssl.*} system properties, read as SunJSSE reads them. Without
 * {@code javax.net.ssl.trustStore}, the JDK's jssecacerts if present, else cacerts ({@code java.home}/lib/security).
 * A store path of "NONE" loads the store without a file (PKCS#11).
 */
public final class TrustStores {
    private TrustStores() {
    }

    /** The trust store the {@code javax.net.ssl.trustStore*} properties name, or the JDK's. */
    public static KeyStore systemTrustStore(Function<String, String> property, String javaHome)
            throws GeneralSecurityException, IOException {
        String path = property.apply("javax.net.ssl.trustStore");
        if (path == null || path.isEmpty()) {
            Path security = Path.of(javaHome, "lib", "security");
            Path jssecacerts = security.resolve("jssecacerts");
            path = (Files.isRegularFile(jssecacerts) ? jssecacerts : security.resolve("cacerts")).toString();
        }
        return load(path, property.apply("javax.net.ssl.trustStoreType"),
                property.apply("javax.net.ssl.trustStoreProvider"),
                password(property.apply("javax.net.ssl.trustStorePassword")));
    }

    public static KeyStore load(String path, String type, String provider, char[] password)
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

    public static char[] password(String value) {
        return value == null || value.isEmpty() ? null : value.toCharArray();
    }
}
