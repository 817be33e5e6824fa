package dev.xtls.stapling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.TestPki;
import dev.xtls.wire.Bytes;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

class OcspResponseCacheTest {
    private static final TestPki PKI = TestPki.create();
    private static final Bytes RESPONSE = Bytes.of(new byte[] {0x30, 0});

    @Test
    void keepsAResponseUntilItExpires() {
        OcspResponseCache cache = new OcspResponseCache(4);
        X509Certificate leaf = PKI.ecdsaP256().leaf();
        cache.put(leaf, new OcspResponseCache.Entry(RESPONSE, 500, 1000));
        assertEquals(RESPONSE, cache.get(leaf, 999).orElseThrow().response());
        assertTrue(cache.get(leaf, 1000).isEmpty());
        assertTrue(cache.get(leaf, 0).isEmpty(), "an expired entry is gone, not only hidden");
    }

    @Test
    void dropsTheLeastRecentlyUsedBeyondItsBound() {
        OcspResponseCache cache = new OcspResponseCache(2);
        X509Certificate a = PKI.ecdsaP256().leaf();
        X509Certificate b = PKI.rsa2048().leaf();
        X509Certificate c = PKI.ecdsaP384().leaf();
        cache.put(a, new OcspResponseCache.Entry(RESPONSE, 10, 10));
        cache.put(b, new OcspResponseCache.Entry(RESPONSE, 10, 10));
        cache.get(a, 0);
        cache.put(c, new OcspResponseCache.Entry(RESPONSE, 10, 10));
        assertTrue(cache.get(a, 0).isPresent());
        assertTrue(cache.get(b, 0).isEmpty());
        assertTrue(cache.get(c, 0).isPresent());
    }
}
