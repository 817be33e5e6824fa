package dev.xtls.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.TlsException;
import dev.xtls.jsse.SslExceptions.FailureContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLProtocolException;
import org.junit.jupiter.api.Test;

class SslExceptionsTest {
    private static final FailureContext SERVER = new FailureContext("the server", () -> null, () -> null);

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
        SSLException e = SslExceptions.translate(cause, true, SERVER);
        assertEquals(SSLHandshakeException.class, e.getClass());
        assertEquals("(handshake_failure) no cipher suite in common: client offered [A], server enabled [B]",
                e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    void aReceivedAlertReadsAsInSunJsse() {
        SSLException during = SslExceptions.translate(received(AlertDescription.CLOSE_NOTIFY), true, SERVER);
        assertEquals(SSLHandshakeException.class, during.getClass());
        assertEquals("Received fatal alert: close_notify", during.getMessage());
        SSLException after = SslExceptions.translate(received(AlertDescription.DECODE_ERROR), false,
                new FailureContext("the client", () -> "we offered [TLSv1.3]", () -> "removed here: x"));
        assertEquals(SSLException.class, after.getClass());
        assertEquals("Received fatal alert: decode_error: the client could not parse a message we sent",
                after.getMessage());
    }

    /** What we offered is added for the alerts that refuse an offer, and only during the handshake. */
    @Test
    void aRefusedHandshakeSaysWhatTheAlertMeansAndWhatWeOffered() {
        SSLException e = SslExceptions.translate(received(AlertDescription.PROTOCOL_VERSION), true,
                new FailureContext("the server", () -> "we offered [TLSv1.3]", () -> "removed here: [TLSv1.2] by x"));
        assertEquals("Received fatal alert: protocol_version: the server refused the handshake: it supports none of"
                + " the protocol versions we offered; we offered [TLSv1.3]; removed here: [TLSv1.2] by x",
                e.getMessage());
    }

    /** Every alert a peer sends to end a handshake or connection has a meaning in words. */
    @Test
    void everyFatalAlertHasAMeaning() {
        for (int code : new int[] {10, 20, 22, 40, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 70, 71, 80, 86, 90, 100,
                109, 110, 112, 113, 115, 116, 120}) {
            SSLException e = SslExceptions.translate(received(new AlertDescription(code)), true,
                    new FailureContext("the client", () -> null, () -> null));
            String prefix = "Received fatal alert: " + new AlertDescription(code).name() + ": the client ";
            assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
        }
    }

    @Test
    void aDecodeErrorAfterTheHandshakeIsAnSslProtocolException() {
        SSLException e = SslExceptions.translate(
                new TlsException(AlertDescription.DECODE_ERROR, "record length 70000 exceeds 2^14+2048"), false,
                SERVER);
        assertInstanceOf(SSLProtocolException.class, e);
        assertEquals("(decode_error) record length 70000 exceeds 2^14+2048", e.getMessage());
    }

    @Test
    void otherFailuresAfterTheHandshakeArePlainSslExceptions() {
        SSLException e = SslExceptions.translate(
                new TlsException(AlertDescription.BAD_RECORD_MAC, "bad_record_mac: record 7 failed to decrypt"),
                false, SERVER);
        assertEquals(SSLException.class, e.getClass());
        assertEquals("bad_record_mac: record 7 failed to decrypt", e.getMessage());
    }
}
