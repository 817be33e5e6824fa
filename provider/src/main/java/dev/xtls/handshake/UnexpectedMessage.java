package dev.xtls.handshake;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.TlsException;

/** The one path for a message the current state does not accept (RFC 5246 §7.2.2 unexpected_message). */
public final class UnexpectedMessage {
    private UnexpectedMessage() {
    }

    public static TlsException of(String received, String expected) {
        return new TlsException(AlertDescription.UNEXPECTED_MESSAGE,
                "received " + received + " while expecting " + expected);
    }
}
