package dev.xtls.wire;

/**
 * The one error type of the protocol core: a fatal condition and the alert (RFC 5246 §7.2) that reports it.
 * The message says, in words a user can act on, what went wrong.
 */
public class TlsException extends RuntimeException {
    private final AlertDescription alert;

    public TlsException(AlertDescription alert, String message) {
        super(message);
        this.alert = alert;
    }

    public TlsException(AlertDescription alert, String message, Throwable cause) {
        super(message, cause);
        this.alert = alert;
    }

    /** The alert to send to the peer (or the one the peer sent, see {@link #receivedFromPeer()}). */
    public AlertDescription alert() {
        return alert;
    }

    /** True when this exception reports an alert that the peer sent us. */
    public boolean receivedFromPeer() {
        return false;
    }
}
