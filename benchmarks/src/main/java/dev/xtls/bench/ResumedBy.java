package dev.xtls.bench;

/**
 * How a resumed handshake finds its session, and what the wire must show for it: by session ID (RFC 5246
 * §7.4.1.2, no session ticket in the ClientHello) or by an RFC 5077 ticket (§3.4: the ClientHello carries a
 * non-empty SessionTicket extension).
 */
public enum ResumedBy {
    ID,
    TICKET
}
