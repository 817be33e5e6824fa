package dev.xtls.session;

/**
 * What a TLS 1.3 ticket adds to a session besides its PSK (RFC 8446 §4.6.1): the obfuscation added to its age,
 * when it was issued (server) or received (client), and its lifetime in seconds.
 */
public record PskTicket(long ageAdd, long issuedMillis, long lifetimeSeconds) {
    public PskTicket {
        if (ageAdd < 0 || ageAdd > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("ticket_age_add out of uint32 range: " + ageAdd);
        }
    }

    /** §4.2.11.1: the age in milliseconds the client reports, plus age_add, modulo 2^32. */
    public long obfuscatedAge(long nowMillis) {
        return (Math.max(0, nowMillis - issuedMillis) + ageAdd) & 0xFFFFFFFFL;
    }

    /** §4.2.11.1: the age the client reported, taken out of its obfuscation. */
    public long clientAgeMillis(long obfuscatedAge) {
        return (obfuscatedAge - ageAdd) & 0xFFFFFFFFL;
    }

    /** Client: §4.2.11.1, a ticket older than its ticket_lifetime is not offered. */
    public boolean expired(long nowMillis) {
        return nowMillis - issuedMillis >= lifetimeSeconds * 1000;
    }
}
