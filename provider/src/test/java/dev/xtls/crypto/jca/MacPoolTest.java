package dev.xtls.crypto.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.Hmac;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class MacPoolTest {
    private static final byte[] DATA = "abc".getBytes(StandardCharsets.US_ASCII);

    // the PRF and HKDF of one thread's handshakes run on one Mac: no JCA lookup after the first
    @Test
    void aMacGivenBackIsTheOneTheNextTakeOfThatThreadGets() {
        MacPool pool = new MacPool("HmacSHA256", 4);
        Mac first = pool.take();
        pool.give(first);
        for (int i = 0; i < 5; i++) {
            Mac m = pool.take();
            assertSame(first, m);
            pool.give(m);
        }
    }

    @Test
    void aMacTakenTwiceWithoutGivingBackIsTwoMacs() {
        MacPool pool = new MacPool("HmacSHA256", 4);
        Mac a = pool.take();
        Mac b = pool.take();
        assertNotSame(a, b);
    }

    // an idle Mac must not keep the secret of its last user: it is re-keyed with zeros when given back
    @Test
    void aMacGivenBackNoLongerComputesWithTheSecretItHad() throws Exception {
        MacPool pool = new MacPool("HmacSHA256", 4);
        Mac m = pool.take();
        m.init(new SecretKeySpec(new byte[] {1, 2, 3}, "HmacSHA256"));
        pool.give(m);
        Mac idle = pool.take();
        assertSame(m, idle);
        Mac zeros = Mac.getInstance("HmacSHA256");
        zeros.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        assertArrayEquals(zeros.doFinal(DATA), idle.doFinal(DATA));
    }

    // RFC 4231 §4.2 test case 1: a pooled Mac computes what a fresh one does, before and after reuse
    @Test
    void anHmacOnAReusedMacComputesTheRfc4231Vector() {
        JcaTlsCrypto crypto = new JcaTlsCrypto(new SecureRandom());
        byte[] key = new byte[20];
        Arrays.fill(key, (byte) 0x0b);
        byte[] hiThere = "Hi There".getBytes(StandardCharsets.US_ASCII);
        byte[] expected = HexFormat.of()
                .parseHex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        for (int i = 0; i < 3; i++) {
            try (Hmac hmac = crypto.hmac(HashAlgorithm.SHA256, key)) {
                hmac.update(hiThere);
                assertArrayEquals(expected, hmac.doFinal());
            }
        }
    }

    @Test
    void aClosedHmacCannotBeUsed() {
        Hmac hmac = new JcaTlsCrypto(new SecureRandom()).hmac(HashAlgorithm.SHA256, new byte[32]);
        hmac.close();
        assertThrows(NullPointerException.class, () -> hmac.update(DATA));
    }
}
