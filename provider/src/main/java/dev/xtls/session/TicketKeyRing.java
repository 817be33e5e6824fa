package dev.xtls.session;

import dev.xtls.wire.Bytes;
import java.util.Optional;

/**
 * The ticket keys of one {@code SSLContext} (never static): one key seals new tickets, every key still held opens
 * them (RFC 5077 §5.5 recommends rotating). Thread-safe; rotation and reloads happen lazily inside these calls.
 */
public interface TicketKeyRing {
    /** The key new tickets are sealed with. */
    SessionTicketKey current();

    /** The key named in a received ticket, if this ring still holds it. */
    Optional<SessionTicketKey> find(Bytes name);
}
