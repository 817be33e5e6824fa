package dev.xtls.crypto.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class CipherPoolTest {
    private static final String GCM = "AES/GCM/NoPadding";

    // A connection's two keys (read and write) take turns on one thread: each must get back its own Cipher, whose
    // AES key schedule SunJCE keeps, not the one the other key just used (a new schedule per 1 KiB record triples
    // its cost: 0.42 vs 1.2 µs here).
    @Test
    void twoKeysTakingTurnsEachGetBackTheCipherTheyUsedLast() {
        CipherPool pool = new CipherPool(GCM, 4);
        int read = pool.newHome();
        int write = pool.newHome();
        assertNotEquals(read, write);

        PooledCipher readCipher = pool.take(read);
        pool.give(readCipher, read);
        PooledCipher writeCipher = pool.take(write);
        assertNotSame(readCipher, writeCipher);
        pool.give(writeCipher, write);

        for (int i = 0; i < 10; i++) {
            PooledCipher r = pool.take(read);
            pool.give(r, read);
            PooledCipher w = pool.take(write);
            pool.give(w, write);
            assertSame(readCipher, r);
            assertSame(writeCipher, w);
        }
    }

    @Test
    void moreKeysThanSlotsShareSlotsInTurn() {
        CipherPool pool = new CipherPool(GCM, 2);
        int first = pool.newHome();
        pool.newHome();
        int third = pool.newHome();
        assertSame(first, third);
    }

    @Test
    void aSlotHoldsOneCipherAndAnEmptyOneMakesANewOne() {
        CipherPool pool = new CipherPool(GCM, 2);
        int a = pool.newHome();
        PooledCipher first = pool.take(a);
        PooledCipher second = pool.take(a); // a's Cipher is out (another thread's record): a new one
        assertNotSame(first, second);
        pool.give(first, a);
        pool.give(second, a); // the slot is full: dropped
        assertSame(first, pool.take(a));
        assertNotSame(second, pool.take(a));
    }

    // The scratch arrays for direct-buffer records go with the pooled Cipher: made on first need, then reused
    @Test
    void aPooledCiphersScratchIsReusedAndGrowsToTheLargestRecord() {
        CipherPool pool = new CipherPool(GCM, 2);
        int a = pool.newHome();
        PooledCipher c = pool.take(a);
        byte[] small = c.input(100);
        assertSame(small, c.input(50));
        byte[] big = c.input(16400);
        assertEquals(16400, big.length);
        byte[] output = c.output(16400);
        assertNotSame(big, output); // JDK 17's GCM copies the input when it is the output's array
        pool.give(c, a);
        PooledCipher again = pool.take(a);
        assertSame(big, again.input(2048));
        assertSame(output, again.output(16400));
    }
}
