package dev.xtls.it.openssl;

import java.util.Map;
import java.util.Optional;

/**
 * IANA (RFC / JSSE) cipher suite names to OpenSSL's names, for the TLS 1.2 suites the project tests now or later.
 * {@code OpenSslSuitesIT} checks every entry against {@code openssl ciphers -stdname}.
 */
public final class OpenSslSuites {

    private static final Map<String, String> IANA_TO_OPENSSL = Map.ofEntries(
            // ECDHE + AEAD: the suites tested first
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256"),
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384"),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256"),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE-RSA-AES256-GCM-SHA384"),
            Map.entry("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305"),
            Map.entry("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-CHACHA20-POLY1305"),
            // ECDHE + CBC
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "ECDHE-ECDSA-AES128-SHA256"),
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "ECDHE-ECDSA-AES256-SHA384"),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "ECDHE-RSA-AES128-SHA256"),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "ECDHE-RSA-AES256-SHA384"),
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "ECDHE-ECDSA-AES128-SHA"),
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "ECDHE-ECDSA-AES256-SHA"),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "ECDHE-RSA-AES128-SHA"),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "ECDHE-RSA-AES256-SHA"),
            // TLS 1.3 (RFC 8446 §B.4): OpenSSL uses the IANA names
            Map.entry("TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256"),
            Map.entry("TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384"),
            Map.entry("TLS_CHACHA20_POLY1305_SHA256", "TLS_CHACHA20_POLY1305_SHA256"),
            // DHE
            Map.entry("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "DHE-RSA-AES128-GCM-SHA256"),
            Map.entry("TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "DHE-RSA-AES256-GCM-SHA384"),
            Map.entry("TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "DHE-RSA-CHACHA20-POLY1305"),
            Map.entry("TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", "DHE-RSA-AES128-SHA256"),
            Map.entry("TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", "DHE-RSA-AES256-SHA256"),
            Map.entry("TLS_DHE_RSA_WITH_AES_128_CBC_SHA", "DHE-RSA-AES128-SHA"),
            Map.entry("TLS_DHE_RSA_WITH_AES_256_CBC_SHA", "DHE-RSA-AES256-SHA"),
            // static RSA key exchange
            Map.entry("TLS_RSA_WITH_AES_128_GCM_SHA256", "AES128-GCM-SHA256"),
            Map.entry("TLS_RSA_WITH_AES_256_GCM_SHA384", "AES256-GCM-SHA384"),
            Map.entry("TLS_RSA_WITH_AES_128_CBC_SHA256", "AES128-SHA256"),
            Map.entry("TLS_RSA_WITH_AES_256_CBC_SHA256", "AES256-SHA256"),
            Map.entry("TLS_RSA_WITH_AES_128_CBC_SHA", "AES128-SHA"),
            Map.entry("TLS_RSA_WITH_AES_256_CBC_SHA", "AES256-SHA"));

    private OpenSslSuites() {
    }

    /** All mapped IANA names with their OpenSSL names. */
    public static Map<String, String> all() {
        return IANA_TO_OPENSSL;
    }

    /** The OpenSSL name of an IANA suite name; fails for a suite not in the table. */
    public static String toOpenSsl(String iana) {
        String name = IANA_TO_OPENSSL.get(iana);
        if (name == null) {
            throw new IllegalArgumentException("no OpenSSL name known for " + iana + " (add it to OpenSslSuites)");
        }
        return name;
    }

    /** The IANA name of an OpenSSL suite name, if mapped. */
    public static Optional<String> toIana(String openSsl) {
        return IANA_TO_OPENSSL.entrySet().stream().filter(e -> e.getValue().equals(openSsl))
                .map(Map.Entry::getKey).findFirst();
    }

    /** {@code name} in OpenSSL naming: IANA names ("TLS_...") are mapped, anything else is passed through. */
    static String openSslName(String name) {
        return name.startsWith("TLS_") ? toOpenSsl(name) : name;
    }
}
