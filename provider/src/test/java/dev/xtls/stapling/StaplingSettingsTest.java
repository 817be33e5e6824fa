package dev.xtls.stapling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StaplingSettingsTest {
    @Test
    void defaultsAreSunJsseDefaults() {
        StaplingSettings s = new StaplingSettings(true, false, 256, Duration.ofSeconds(3600), Duration.ofMillis(5000),
                null, false);
        // the test JVM sets none of the properties
        StaplingSettings fromSystem = StaplingSettings.fromSystem();
        assertEquals(s, fromSystem);
        assertTrue(fromSystem.clientEnabled());
        assertFalse(fromSystem.serverEnabled());
        assertNull(fromSystem.responderUri());
    }

    @Test
    void anUnboundedCacheSizeStillHasABound() {
        StaplingSettings s = new StaplingSettings(true, true, 0, Duration.ZERO, Duration.ZERO, null, false);
        assertEquals(StaplingSettings.UNBOUNDED_CACHE_SIZE, s.cacheBound());
    }
}
