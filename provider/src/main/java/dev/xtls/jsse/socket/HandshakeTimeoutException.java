package dev.xtls.jsse.socket;

import java.net.SocketTimeoutException;

/** The whole handshake took longer than {@value XtlsSocket#HANDSHAKE_TIMEOUT_PROPERTY}; fatal, unlike SO_TIMEOUT. */
final class HandshakeTimeoutException extends SocketTimeoutException {
    HandshakeTimeoutException(long millis, Throwable cause) {
        super("TLS handshake did not complete within " + millis + " ms (" + XtlsSocket.HANDSHAKE_TIMEOUT_PROPERTY
                + ")");
        initCause(cause);
    }
}
