package dev.xtls.handshake;

/** How a handshake came by its session: a full handshake made it, or it resumed one, and by what. */
public enum SessionOrigin {
    /** A full handshake made a new session. */
    NEW,
    /** RFC 5246 §7.3: the server found the session by the id the client offered. */
    SESSION_ID,
    /** RFC 5077 §3.1: the server opened the client's ticket (client side: it offered one and the server resumed). */
    TICKET,
    /** RFC 8446 §2.2: TLS 1.3, a PSK from a NewSessionTicket. */
    PSK;

    public boolean resumed() {
        return this != NEW;
    }
}
