package dev.xtls.jsse;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.TlsException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLProtocolException;

/** The one translation from the core's {@link TlsException} to the SSLException subclass JSSE callers expect. */
final class SslExceptions {
    private SslExceptions() {
    }

    /**
     * During the handshake: SSLHandshakeException. Afterwards: SSLProtocolException for malformed or unexpected
     * records, SSLException otherwise. A received alert reads "Received fatal alert: name" as in SunJSSE.
     */
    static SSLException translate(TlsException e, boolean duringHandshake) {
        String message = message(e);
        SSLException out;
        if (duringHandshake) {
            out = new SSLHandshakeException(message);
        } else if (!e.receivedFromPeer() && isProtocolError(e.alert())) {
            out = new SSLProtocolException(message);
        } else {
            out = new SSLException(message);
        }
        out.initCause(e);
        return out;
    }

    static String message(TlsException e) {
        String alert = e.alert().name();
        if (e.receivedFromPeer()) {
            return "Received fatal alert: " + alert;
        }
        String text = e.getMessage();
        if (text == null || text.isEmpty()) {
            return "(" + alert + ")";
        }
        return text.contains(alert) ? text : "(" + alert + ") " + text;
    }

    private static boolean isProtocolError(AlertDescription alert) {
        return alert.equals(AlertDescription.DECODE_ERROR) || alert.equals(AlertDescription.UNEXPECTED_MESSAGE)
                || alert.equals(AlertDescription.RECORD_OVERFLOW);
    }
}
