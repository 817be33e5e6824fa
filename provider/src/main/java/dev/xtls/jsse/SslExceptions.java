package dev.xtls.jsse;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.TlsException;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLProtocolException;

/** The one translation from the core's {@link TlsException} to the SSLException subclass JSSE callers expect. */
final class SslExceptions {
    private SslExceptions() {
    }

    /**
     * During the handshake: SSLHandshakeException. Afterwards: SSLProtocolException for malformed or unexpected
     * records, SSLException otherwise. A received alert reads "Received fatal alert: name" as in SunJSSE, then what
     * it means ({@link AlertMeaning}) and, for a refused handshake, what we offered; a negotiation failure of ours
     * adds what our settings removed.
     */
    static SSLException translate(TlsException e, boolean duringHandshake, FailureContext context) {
        String message = e.receivedFromPeer() ? received(e.alert(), duringHandshake, context)
                : local(e, duringHandshake, context);
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

    /** {@code peer}: "the server" or "the client"; the suppliers answer null when they know nothing to add. */
    record FailureContext(String peer, Supplier<String> ourOffer, Supplier<String> removedHere) {
    }

    private static String received(AlertDescription alert, boolean duringHandshake, FailureContext context) {
        String text = "Received fatal alert: " + alert.name();
        String meaning = AlertMeaning.of(alert, context.peer());
        if (meaning == null) {
            return text;
        }
        text += ": " + meaning;
        if (duringHandshake && AlertMeaning.concernsOffer(alert)) {
            text = append(append(text, context.ourOffer().get()), context.removedHere().get());
        }
        return text;
    }

    private static String local(TlsException e, boolean duringHandshake, FailureContext context) {
        String text = message(e);
        return duringHandshake && AlertMeaning.concernsOffer(e.alert()) ? append(text, context.removedHere().get())
                : text;
    }

    private static String append(String text, String more) {
        return more == null ? text : text + "; " + more;
    }

    private static String message(TlsException e) {
        String alert = e.alert().name();
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
