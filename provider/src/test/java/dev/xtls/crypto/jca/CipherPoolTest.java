package dev.xtls.crypto.jca;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import javax.crypto.Cipher;
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

        Cipher readCipher = pool.take(read);
        pool.give(readCipher, read);
        Cipher writeCipher = pool.take(write);
        assertNotSame(readCipher, writeCipher);
        pool.give(writeCipher, write);

        for (int i = 0; i < 10; i++) {
            Cipher r = pool.take(read);
            pool.give(r, read);
            Cipher w = pool.take(write);
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
        Cipher first = pool.take(a);
        Cipher second = pool.take(a); // a's Cipher is out (another thread's record): a new one
        assertNotSame(first, second);
        pool.give(first, a);
        pool.give(second, a); // the slot is full: dropped
        assertSame(first, pool.take(a));
        assertNotSame(second, pool.take(a));
    }
}
