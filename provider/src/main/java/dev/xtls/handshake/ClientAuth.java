package dev.xtls.handshake;

/** Whether a server asks for a client certificate (RFC 5246 §7.4.4): SSLEngine want/needClientAuth. */
public enum ClientAuth {
    NONE, WANT, NEED
}
