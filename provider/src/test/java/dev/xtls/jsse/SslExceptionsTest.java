package dev.xtls.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.TlsException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLProtocolException;
import org.junit.jupiter.api.Test;

class SslExceptionsTest {
    /** What the core throws when the peer's alert arrives. */
    private static TlsException received(AlertDescription alert) {
        return new TlsException(alert, "peer sent " + alert.name()) {
            @Override
            public boolean receivedFromPeer() {
                return true;
            }
        };
    }

    @Test
    void aFailureDuringTheHandshakeIsAnSslHandshakeExceptionNamingTheAlert() {
        TlsException cause = new TlsException(AlertDescription.HANDSHAKE_FAILURE,
                "no cipher suite in common: client offered [A], server enabled [B]");
        SSLException e = SslExceptions.translate(cause, true);
        assertEquals(SSLHandshakeException.class, e.getClass());
        assertEquals("(handshake_failure) no cipher suite in common: client offered [A], server enabled [B]",
                e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    void aReceivedAlertReadsAsInSunJsse() {
        SSLException during = SslExceptions.translate(received(AlertDescription.HANDSHAKE_FAILURE), true);
        assertEquals(SSLHandshakeException.class, during.getClass());
        assertEquals("Received fatal alert: handshake_failure", during.getMessage());
        SSLException after = SslExceptions.translate(received(AlertDescription.DECODE_ERROR), false);
        assertEquals(SSLException.class, after.getClass());
        assertEquals("Received fatal alert: decode_error", after.getMessage());
    }

    @Test
    void aDecodeErrorAfterTheHandshakeIsAnSslProtocolException() {
        SSLException e = SslExceptions.translate(
                new TlsException(AlertDescription.DECODE_ERROR, "record length 70000 exceeds 2^14+2048"), false);
        assertInstanceOf(SSLProtocolException.class, e);
        assertEquals("(decode_error) record length 70000 exceeds 2^14+2048", e.getMessage());
    }

    @Test
    void otherFailuresAfterTheHandshakeArePlainSslExceptions() {
        SSLException e = SslExceptions.translate(
                new TlsException(AlertDescription.BAD_RECORD_MAC, "bad_record_mac: record 7 failed to decrypt"),
                false);
        assertEquals(SSLException.class, e.getClass());
        assertEquals("bad_record_mac: record 7 failed to decrypt", e.getMessage());
    }
}
