package dev.xtls.message;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.DecodeException;
import dev.xtls.wire.TlsException;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Asserts a decode_error (or illegal_parameter) whose message names the offending field. */
public final class DecodeAssertions {
    private DecodeAssertions() {
    }

    public static DecodeException assertDecodeError(String field, Executable decode) {
        DecodeException e = assertThrows(DecodeException.class, decode);
        assertTrue(e.getMessage().contains(field), () -> "message should name " + field + ": " + e.getMessage());
        return e;
    }

    /** A well-formed field whose value is not allowed (RFC 8446 §6.2). */
    public static TlsException assertIllegalParameter(String field, Executable decode) {
        TlsException e = assertThrows(TlsException.class, decode);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert(), e.getMessage());
        assertTrue(e.getMessage().contains(field), () -> "message should name " + field + ": " + e.getMessage());
        return e;
    }
}
