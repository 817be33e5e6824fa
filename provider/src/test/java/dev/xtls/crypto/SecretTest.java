package dev.xtls.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/**
 * A destroyed secret answers as one (length kept, no bytes, no copy) and lets go of its wiped array: a session
 * invalidated while its connection still refers to the same Secret keeps no 48 zero bytes per connection.
 */
class SecretTest {

    @Test
    void aDestroyedSecretKeepsItsLengthButNoArray() throws ReflectiveOperationException {
        byte[] given = {1, 2, 3, 4};
        Secret s = Secret.wrap(given);
        assertTrue(s.sameAs(new byte[] {1, 2, 3, 4}));

        s.destroy();

        assertEquals(4, s.length());
        assertTrue(s.isDestroyed());
        assertEquals(0, given[0] | given[1] | given[2] | given[3], "wiped");
        assertFalse(s.sameAs(new byte[] {0, 0, 0, 0}));
        assertTrue(s.copy().isEmpty());
        assertThrows(IllegalStateException.class, s::reveal);
        assertEquals("Secret(4 bytes)", s.toString());
        Field bytes = Secret.class.getDeclaredField("bytes");
        bytes.setAccessible(true);
        assertNull(bytes.get(s), "the wiped array is released");
    }
}
