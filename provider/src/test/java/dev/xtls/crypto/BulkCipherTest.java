package dev.xtls.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class BulkCipherTest {
    @Test
    void everyCipherIsEitherAeadOrCbc() {
        for (BulkCipher c : BulkCipher.values()) {
            assertNotEquals(c.isAead(), c.isCbc(), c.name());
        }
    }

    @Test
    void cbcCiphersSendABlockOfIvAndTakeNothingFromTheKeyBlockButKeys() {
        for (BulkCipher c : new BulkCipher[] {BulkCipher.AES_128_CBC, BulkCipher.AES_256_CBC}) {
            assertEquals(true, c.isCbc());
            assertEquals(0, c.fixedIvLength());
            assertEquals(16, c.recordIvLength());
            assertEquals(16, c.blockLength());
            assertEquals(0, c.tagLength());
        }
        assertEquals(16, BulkCipher.AES_128_CBC.keyLength());
        assertEquals(32, BulkCipher.AES_256_CBC.keyLength());
    }

    @Test
    void aeadCiphersKeepTheirRfc5288AndRfc7905Lengths() {
        assertEquals(16, BulkCipher.AES_128_GCM.keyLength());
        assertEquals(4, BulkCipher.AES_128_GCM.fixedIvLength());
        assertEquals(8, BulkCipher.AES_256_GCM.recordIvLength());
        assertEquals(12, BulkCipher.CHACHA20_POLY1305.fixedIvLength());
        assertEquals(0, BulkCipher.CHACHA20_POLY1305.recordIvLength());
        for (BulkCipher c : new BulkCipher[] {BulkCipher.AES_128_GCM, BulkCipher.AES_256_GCM,
                BulkCipher.CHACHA20_POLY1305}) {
            assertEquals(true, c.isAead());
            assertEquals(16, c.tagLength());
            assertEquals(0, c.blockLength());
        }
    }
}
