package dev.xtls.message.ext;

import dev.xtls.message.Vectors;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.Objects;

/**
 * One offered PSK (RFC 8446 §4.2.11): a ticket or external identity, and the ticket age plus ticket_age_add
 * modulo 2^32 (0 for external PSKs).
 * <pre>
 * struct {
 *     opaque identity&lt;1..2^16-1&gt;;
 *     uint32 obfuscated_ticket_age;
 * } PskIdentity;
 * </pre>
 */
public record PskIdentity(Bytes identity, long obfuscatedTicketAge) {
    public PskIdentity {
        Objects.requireNonNull(identity, "identity");
        if (identity.isEmpty()) {
            throw new IllegalArgumentException("a PSK identity must not be empty");
        }
        if (obfuscatedTicketAge < 0 || obfuscatedTicketAge > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("obfuscated_ticket_age out of uint32 range: " + obfuscatedTicketAge);
        }
    }

    static PskIdentity decode(TlsReader r, String field) {
        Bytes identity = Vectors.opaque16(r, 1, field + ".identity");
        long age = Vectors.u32(r, field + ".obfuscated_ticket_age");
        return new PskIdentity(identity, age);
    }

    void encode(TlsWriter w) {
        w.prefixed16(identity::writeTo);
        w.u32(obfuscatedTicketAge);
    }
}
