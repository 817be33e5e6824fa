package dev.xtls.session.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.spi.SessionCacheFactory;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class RedisSessionCacheFactoryTest {
    private final RedisSessionCacheFactory factory = new RedisSessionCacheFactory();

    @Test
    void serviceLoaderFindsTheFactoryForRedisLocations() {
        List<SessionCacheFactory> found = ServiceLoader.load(SessionCacheFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.accepts(URI.create("redis://127.0.0.1:6379")))
                .toList();
        assertEquals(1, found.size(), "factories accepting redis://: " + found);
        assertInstanceOf(RedisSessionCacheFactory.class, found.get(0));
    }

    @Test
    void otherSchemesAreNotAcceptedAndRefusedWithTheReason() {
        URI rediss = URI.create("rediss://127.0.0.1:6379");
        assertFalse(factory.accepts(rediss));
        assertFalse(factory.accepts(URI.create("memcache://127.0.0.1:11211")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> factory.open(rediss));
        assertTrue(e.getMessage().contains("redis://"), e.getMessage());
    }

    @Test
    void badPortIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> factory.open(URI.create("redis://127.0.0.1:70000")));
        assertTrue(e.getMessage().contains("port 70000"), e.getMessage());
    }

    @Test
    void missingHostIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> factory.open(URI.create("redis:///0")));
        assertTrue(e.getMessage().contains("no host"), e.getMessage());
    }

    @Test
    void badTimeoutAndUnknownParametersAreRefused() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> factory.open(URI.create("redis://127.0.0.1:6379?timeout=fast")));
        assertTrue(bad.getMessage().contains("timeout 'fast'"), bad.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> factory.open(URI.create("redis://127.0.0.1:6379?timeout=0ms")));
        assertTrue(zero.getMessage().contains("outside"), zero.getMessage());
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> factory.open(URI.create("redis://127.0.0.1:6379?timout=50ms")));
        assertTrue(typo.getMessage().contains("unknown parameter 'timout'"), typo.getMessage());
    }

    @Test
    void refusalDoesNotShowThePassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> factory.open(URI.create("redis://app:s3cret@127.0.0.1:6379?timeout=x")));
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void locationPartsAndDefaults() {
        RedisLocation plain = RedisLocation.parse(URI.create("redis://cache.example"));
        assertEquals(6379, plain.port());
        assertEquals(Duration.ofMillis(50), plain.timeout());
        assertEquals("xtls:session:", plain.keyPrefix());
        RedisLocation full = RedisLocation.parse(
                URI.create("redis://app:pw@cache.example:6380/2?timeout=2s&prefix=fleet-a:"));
        assertEquals("cache.example", full.host());
        assertEquals(6380, full.port());
        assertEquals(2, full.database());
        assertEquals("app", full.username());
        assertEquals("pw", new String(full.password()));
        assertEquals(Duration.ofSeconds(2), full.timeout());
        assertEquals("fleet-a:", full.keyPrefix());
        assertEquals("::1", RedisLocation.parse(URI.create("redis://[::1]:6379")).host());
    }
}
