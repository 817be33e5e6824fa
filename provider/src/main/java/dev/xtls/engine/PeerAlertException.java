package dev.xtls.engine;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.TlsException;

/** The peer ended the connection with this alert; nothing is sent back (RFC 5246 §7.2). */
public final class PeerAlertException extends TlsException {
    public PeerAlertException(AlertDescription alert, String message) {
        super(alert, message);
    }

    @Override
    public boolean receivedFromPeer() {
        return true;
    }
}
