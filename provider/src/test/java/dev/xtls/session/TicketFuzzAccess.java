package dev.xtls.session;

import dev.xtls.crypto.Aead;
import dev.xtls.crypto.TlsCrypto;

/** Lets the fuzz targets (dev.xtls.fuzz) reach the package-private ticket state codec and ticket key AEAD. */
public final class TicketFuzzAccess {
    private TicketFuzzAccess() {
    }

    public static TicketContents decodeState(byte[] encoded) {
        return TicketStateCodec.decode(encoded);
    }

    public static byte[] encodeState(TicketContents contents) {
        return TicketStateCodec.encode(contents);
    }

    public static Aead aead(SessionTicketKey key, TlsCrypto crypto) {
        return key.newAead(crypto).orElseThrow();
    }

    /** A sealed ticket's header: key name then nonce (see {@link TicketSealer}). */
    public static int headerLength() {
        return SessionTicketKey.NAME_LENGTH + TicketSealer.NONCE_LENGTH;
    }

    /** A TLS 1.2 session as the ticket tests build it, for seed tickets. */
    public static TicketContents sampleContents(int fill) {
        return TicketSessions.contents(TicketSessions.established(fill));
    }
}
