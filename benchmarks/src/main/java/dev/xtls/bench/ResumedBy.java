package dev.xtls.bench;

/**
 * How a resumed handshake finds its session, and what the wire must show for it: by TLS 1.2 session ID (RFC 5246
 * §7.4.1.2, no session ticket in the ClientHello), by a TLS 1.2 RFC 5077 ticket (§3.4: the ClientHello carries a
 * non-empty SessionTicket extension), or by a TLS 1.3 PSK from a ticket (RFC 8446 §4.2.11: ClientHello and
 * ServerHello carry pre_shared_key).
 */
public enum ResumedBy {
    ID,
    TICKET,
    PSK
}
