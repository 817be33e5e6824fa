package dev.xtls.stapling;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * SunJSSE's OCSP stapling switches and tunables, read once per SSLContext as SunJSSE's SSLContextImpl and
 * StatusResponseManager do, with the same defaults.
 *
 * @param clientEnabled jdk.tls.client.enableStatusRequestExtension (default true): the client sends status_request
 * @param serverEnabled jdk.tls.server.enableStatusRequestExtension (default false): the server staples
 * @param cacheSize jdk.tls.stapling.cacheSize (default 256 responses; 0 or less: unbounded, as SunJSSE)
 * @param cacheLifetime jdk.tls.stapling.cacheLifetime (default 3600 s): a response is kept until its nextUpdate
 *                      or this long, whichever comes first; 0 or less: until nextUpdate only
 * @param responseTimeout jdk.tls.stapling.responseTimeout (default 5000 ms): bound of one fetch
 * @param responderUri jdk.tls.stapling.responderURI: the responder for certificates without an OCSP AIA entry;
 *                     null for none
 * @param responderOverride jdk.tls.stapling.responderOverride (default false): use responderUri for every
 *                          certificate, whatever its AIA says
 */
public record StaplingSettings(boolean clientEnabled, boolean serverEnabled, int cacheSize, Duration cacheLifetime,
        Duration responseTimeout, URI responderUri, boolean responderOverride) {
    /** What SunJSSE caches at most when cacheSize is 0 or less ("unbounded"), so the cache stays bounded. */
    static final int UNBOUNDED_CACHE_SIZE = 65_536;

    public static StaplingSettings fromSystem() {
        return new StaplingSettings(
                bool("jdk.tls.client.enableStatusRequestExtension", true),
                bool("jdk.tls.server.enableStatusRequestExtension", false),
                integer("jdk.tls.stapling.cacheSize", 256),
                Duration.ofSeconds(integer("jdk.tls.stapling.cacheLifetime", 3600)),
                Duration.ofMillis(Math.max(0, integer("jdk.tls.stapling.responseTimeout", 5000))),
                uri(System.getProperty("jdk.tls.stapling.responderURI")),
                bool("jdk.tls.stapling.responderOverride", false));
    }

    /** The cache's bound: cacheSize, or {@link #UNBOUNDED_CACHE_SIZE} for SunJSSE's "unbounded". */
    int cacheBound() {
        return cacheSize > 0 ? cacheSize : UNBOUNDED_CACHE_SIZE;
    }

    private static boolean bool(String name, boolean defaultValue) {
        String v = System.getProperty(name);
        // as SunJSSE's Utilities.getBooleanProperty: "true"/"false" ignoring case, anything else the default
        if (v == null || !(v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"))) {
            return defaultValue;
        }
        return Boolean.parseBoolean(v);
    }

    private static int integer(String name, int defaultValue) {
        try {
            return Integer.parseInt(System.getProperty(name, Integer.toString(defaultValue)).trim());
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }

    private static URI uri(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new URI(value.trim());
        } catch (URISyntaxException e) {
            return null; // as SunJSSE: an unparsable responderURI is ignored
        }
    }
}
