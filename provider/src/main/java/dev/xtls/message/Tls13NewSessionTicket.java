package dev.xtls.message;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.Objects;

/**
 * NewSessionTicket, TLS 1.3 form (RFC 8446 §4.6.1), sent after the handshake. The TLS 1.2 (RFC 5077) form is
 * {@link NewSessionTicket}. A lifetime over 604800 seconds (7 days) is the receiver's to refuse.
 * <pre>
 * struct {
 *     uint32 ticket_lifetime;
 *     uint32 ticket_age_add;
 *     opaque ticket_nonce&lt;0..255&gt;;
 *     opaque ticket&lt;1..2^16-1&gt;;
 *     Extension extensions&lt;0..2^16-2&gt;;
 * } NewSessionTicket;
 * </pre>
 */
public record Tls13NewSessionTicket(long lifetimeSeconds, long ageAdd, Bytes nonce, Bytes ticket,
                                    Extensions extensions) implements HandshakeMessage {
    /** The longest ticket_lifetime allowed, seven days in seconds (§4.6.1). */
    public static final long MAX_LIFETIME_SECONDS = 604800;

    public Tls13NewSessionTicket {
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(extensions, "extensions");
        checkUint32(lifetimeSeconds, "ticket_lifetime");
        checkUint32(ageAdd, "ticket_age_add");
        if (ticket.isEmpty()) {
            throw new IllegalArgumentException("a ticket must not be empty");
        }
    }

    private static void checkUint32(long v, String field) {
        if (v < 0 || v > 0xFFFFFFFFL) {
            throw new IllegalArgumentException(field + " out of uint32 range: " + v);
        }
    }

    public static Tls13NewSessionTicket decode(byte[] body) {
        TlsReader r = TlsReader.of(body);
        long lifetime = Vectors.u32(r, "NewSessionTicket.ticket_lifetime");
        long ageAdd = Vectors.u32(r, "NewSessionTicket.ticket_age_add");
        Bytes nonce = Vectors.opaque8(r, 0, 255, "NewSessionTicket.ticket_nonce");
        Bytes ticket = Vectors.opaque16(r, 1, "NewSessionTicket.ticket");
        Extensions extensions = Extensions.decode(r);
        r.expectEnd("NewSessionTicket");
        return new Tls13NewSessionTicket(lifetime, ageAdd, nonce, ticket, extensions);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.NEW_SESSION_TICKET;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        w.u32(lifetimeSeconds);
        w.u32(ageAdd);
        w.prefixed8(nonce::writeTo);
        w.prefixed16(ticket::writeTo);
        extensions.encode(w);
    }
}
