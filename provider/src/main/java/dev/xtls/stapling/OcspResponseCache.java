package dev.xtls.stapling;

import dev.xtls.wire.Bytes;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Fetched responses by certificate, least recently used first out when full. An entry without a response marks a
 * failed fetch, so a down responder is asked again only after a pause.
 */
final class OcspResponseCache {
    /** {@code response} null: the last fetch failed. Valid until {@code expiresAt}, refreshed after {@code staleAt}. */
    record Entry(Bytes response, long staleAt, long expiresAt) {
    }

    private final Map<X509Certificate, Entry> entries;

    OcspResponseCache(int bound) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<X509Certificate, Entry> eldest) {
                return size() > bound;
            }
        };
    }

    /** The entry for {@code leaf} still valid at {@code nowMillis}. */
    synchronized Optional<Entry> get(X509Certificate leaf, long nowMillis) {
        Entry e = entries.get(leaf);
        if (e != null && e.expiresAt() <= nowMillis) {
            entries.remove(leaf);
            return Optional.empty();
        }
        return Optional.ofNullable(e);
    }

    synchronized void put(X509Certificate leaf, Entry entry) {
        entries.put(leaf, entry);
    }
}
