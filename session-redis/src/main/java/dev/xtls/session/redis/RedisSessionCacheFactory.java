package dev.xtls.session.redis;

import dev.xtls.spi.SessionCache;
import dev.xtls.spi.SessionCacheFactory;
import java.net.URI;

/**
 * Opens a {@link RedisSessionCache} for {@code redis://host:port[/db][?timeout=50ms&prefix=xtls:session:]}; found by
 * {@link java.util.ServiceLoader} when {@code -Ddev.xtls.sessionCache} names such a location.
 */
public final class RedisSessionCacheFactory implements SessionCacheFactory {
    @Override
    public boolean accepts(URI location) {
        return RedisLocation.hasRedisScheme(location);
    }

    /** Never waits for Redis: a Redis that is down now is connected to later. */
    @Override
    public SessionCache open(URI location) {
        return new RedisSessionCache(RedisLocation.parse(location));
    }
}
