package dev.xtls.message;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.Objects;

/**
 * NewSessionTicket (RFC 5077 §3.3); a lifetime hint of 0 means "unspecified".
 * <pre>
 * struct {
 *     uint32 ticket_lifetime_hint;
 *     opaque ticket&lt;0..2^16-1&gt;;
 * } NewSessionTicket;
 * </pre>
 */
public record NewSessionTicket(long lifetimeHintSeconds, Bytes ticket) implements HandshakeMessage {
    public NewSessionTicket {
        Objects.requireNonNull(ticket, "ticket");
        if (lifetimeHintSeconds < 0 || lifetimeHintSeconds > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("lifetime hint out of uint32 range: " + lifetimeHintSeconds);
        }
    }

    public static NewSessionTicket decode(byte[] body) {
        TlsReader r = TlsReader.of(body);
        long lifetime = Vectors.u32(r, "NewSessionTicket.ticket_lifetime_hint");
        Bytes ticket = Vectors.opaque16(r, 0, "NewSessionTicket.ticket");
        r.expectEnd("NewSessionTicket");
        return new NewSessionTicket(lifetime, ticket);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.NEW_SESSION_TICKET;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        w.u32(lifetimeHintSeconds);
        w.prefixed16(ticket::writeTo);
    }
}
