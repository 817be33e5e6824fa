package dev.xtls.spi;

import java.net.URI;

/**
 * Opens a {@link SessionCache} named by a location such as {@code redis://127.0.0.1:6379}. Xtls finds factories with
 * {@link java.util.ServiceLoader} when {@code -Ddev.xtls.sessionCache=<location>} is set; a module that ships one
 * declares it in {@code META-INF/services/dev.xtls.spi.SessionCacheFactory}.
 */
public interface SessionCacheFactory {
    /** Whether this factory serves {@code location} (usually by its scheme). */
    boolean accepts(URI location);

    /**
     * A cache at {@code location}; fails only for a malformed location (an {@link IllegalArgumentException} naming
     * the bad part), never because the store is down, and returns without waiting for it.
     */
    SessionCache open(URI location);
}
