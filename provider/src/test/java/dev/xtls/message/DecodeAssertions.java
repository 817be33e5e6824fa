package dev.xtls.message;

import dev.xtls.wire.DecodeException;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Asserts a decode_error whose message names the offending field. */
public final class DecodeAssertions {
    private DecodeAssertions() {
    }

    public static DecodeException assertDecodeError(String field, Executable decode) {
        DecodeException e = assertThrows(DecodeException.class, decode);
        assertTrue(e.getMessage().contains(field), () -> "message should name " + field + ": " + e.getMessage());
        return e;
    }
}
