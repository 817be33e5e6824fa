package dev.xtls.session;

import dev.xtls.crypto.Aead;
import dev.xtls.crypto.TlsCrypto;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.TlsException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Seals session state into a ticket and opens tickets (RFC 5077 §4), for NewSessionTicket and for any store
 * outside the JVM that must never see a master secret. The ticket:
 *
 * <pre>
 * struct {
 *     opaque key_name[16];
 *     opaque nonce[12];                  // random per ticket
 *     opaque encrypted_state[rest];      // AES-256-GCM(key, nonce, aad = key_name, TicketState) || tag[16]
 * } ticket;                             // at most 2^16-1 bytes, the NewSessionTicket ticket field (RFC 5077 §3.3)
 * </pre>
 *
 * {@link TicketStateCodec} defines TicketState. With random 96-bit nonces a key must seal well under 2^32 tickets
 * (NIST SP 800-38D §8.3); rotation keeps the default ring far below that. Opening trusts nothing before the tag
 * checks, and any bad ticket (unknown key, wrong tag, bad length, expired, undecodable) opens to empty, never an
 * exception. Thread-safe.
 */
public final class TicketSealer {
    /** RFC 5077 §3.3: opaque ticket&lt;0..2^16-1&gt;. */
    public static final int MAX_TICKET_LENGTH = 0xFFFF;
    static final int NONCE_LENGTH = 12;
    private static final int TAG_LENGTH = SessionTicketKey.CIPHER.tagLength();
    private static final int HEADER_LENGTH = SessionTicketKey.NAME_LENGTH + NONCE_LENGTH;

    private final TlsCrypto crypto;
    private final TicketKeyRing keys;
    private final LongSupplier clockMillis;

    public TicketSealer(TlsCrypto crypto, TicketKeyRing keys, LongSupplier clockMillis) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
    }

    /** The ticket, or empty when it would exceed {@link #MAX_TICKET_LENGTH} (long certificate chains). */
    public Optional<byte[]> seal(TicketContents contents) {
        byte[] state = TicketStateCodec.encode(contents);
        try {
            int length = HEADER_LENGTH + state.length + TAG_LENGTH;
            if (length > MAX_TICKET_LENGTH) {
                return Optional.empty();
            }
            SessionTicketKey key = keys.current();
            Optional<Aead> aead = key.newAead(crypto);
            if (aead.isEmpty()) { // a reload destroyed the key current() returned a moment ago: take its successor
                key = keys.current();
                aead = key.newAead(crypto);
            }
            byte[] name = key.name().toByteArray();
            byte[] ticket = new byte[length];
            byte[] nonce = new byte[NONCE_LENGTH];
            crypto.random().nextBytes(nonce);
            System.arraycopy(name, 0, ticket, 0, name.length);
            System.arraycopy(nonce, 0, ticket, name.length, NONCE_LENGTH);
            aead.orElseThrow(() -> new IllegalStateException("the ticket key ring handed out destroyed keys twice"))
                    .seal(nonce, name, ByteBuffer.wrap(state), ByteBuffer.wrap(ticket, HEADER_LENGTH,
                            length - HEADER_LENGTH));
            return Optional.of(ticket);
        } finally {
            Arrays.fill(state, (byte) 0);
        }
    }

    /** The contents of a ticket this ring's keys sealed and that has not expired; otherwise empty. */
    public Optional<TicketContents> open(byte[] ticket) {
        if (ticket.length < HEADER_LENGTH + TAG_LENGTH || ticket.length > MAX_TICKET_LENGTH) {
            return Optional.empty();
        }
        byte[] name = Arrays.copyOf(ticket, SessionTicketKey.NAME_LENGTH);
        Optional<Aead> aead = keys.find(Bytes.wrap(name)).flatMap(k -> k.newAead(crypto));
        if (aead.isEmpty()) {
            return Optional.empty();
        }
        byte[] nonce = Arrays.copyOfRange(ticket, SessionTicketKey.NAME_LENGTH, HEADER_LENGTH);
        byte[] state = new byte[ticket.length - HEADER_LENGTH - TAG_LENGTH];
        try {
            aead.get().open(nonce, name, ByteBuffer.wrap(ticket, HEADER_LENGTH, ticket.length - HEADER_LENGTH),
                    ByteBuffer.wrap(state));
            TicketContents contents = TicketStateCodec.decode(state);
            if (clockMillis.getAsLong() >= contents.expiresAtMillis()) {
                contents.session().masterSecret().destroy();
                return Optional.empty();
            }
            return Optional.of(contents);
        } catch (TlsException | IllegalArgumentException e) {
            return Optional.empty(); // a wrong tag, or authenticated bytes we cannot decode
        } finally {
            Arrays.fill(state, (byte) 0);
        }
    }
}
