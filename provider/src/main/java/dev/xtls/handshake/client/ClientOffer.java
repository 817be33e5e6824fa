package dev.xtls.handshake.client;

import dev.xtls.session.SessionState;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.SignatureScheme;
import java.util.List;

/**
 * What the client put in its ClientHello, which bounds what the server may choose. {@code resumable} is the
 * session it offered, or null when it offered none; {@code sessionId} is the id it sent, which is a fresh one when
 * it offered a ticket (RFC 5077 §3.4); {@code ticketOffered}: the SessionTicket extension was sent.
 */
record ClientOffer(Bytes clientRandom, List<CipherSuite> suites, List<NamedGroup> groups,
        List<SignatureScheme> schemes, boolean extendedMasterSecret, boolean encryptThenMac,
        List<String> alpn, SessionState resumable, Bytes sessionId, boolean ticketOffered) {
}
