package dev.xtls.jsse;

import dev.xtls.wire.AlertDescription;
import java.util.Map;

/**
 * What a fatal alert from the peer means, in words (RFC 5246 §7.2.2, RFC 8446 §6.2, RFC 7301 §3.2, RFC 6066 §3),
 * for the message of the SSLException the receiving side throws. "{peer}" stands for "the server"/"the client".
 */
final class AlertMeaning {
    private static final String REJECTED = "{peer} rejected our certificate: ";
    private static final Map<Integer, String> MEANINGS = Map.ofEntries(
            Map.entry(10, "{peer} received a message it did not expect at that point of the protocol"),
            Map.entry(20, "{peer} could not decrypt or authenticate a record we sent"),
            Map.entry(22, "{peer} received a record longer than the protocol allows"),
            Map.entry(40, "{peer} refused the handshake: it shares no cipher suite, group or signature algorithm"
                    + " with us, or requires something we did not send"),
            Map.entry(42, REJECTED + "it is corrupt or a signature in it does not verify"),
            Map.entry(43, REJECTED + "its type, or an algorithm or key size in it, is not accepted there"),
            Map.entry(44, REJECTED + "its issuer has revoked it"),
            Map.entry(45, REJECTED + "it is expired or not yet valid by {peer}'s clock"),
            Map.entry(46, REJECTED + "it does not accept it for this connection (untrusted, expired, a host name or"
                    + " usage it does not allow; its log says which)"),
            Map.entry(47, "{peer} found a field of our handshake out of range or inconsistent with the rest"),
            Map.entry(48, REJECTED + "it does not trust the certificate authority that issued it"),
            Map.entry(49, "{peer} accepted our certificate but denies us access"),
            Map.entry(50, "{peer} could not parse a message we sent"),
            Map.entry(51, "{peer} could not verify a signature or Finished message of ours: the handshake was"
                    + " altered in transit, or our key does not match our certificate"),
            Map.entry(70, "{peer} refused the handshake: it supports none of the protocol versions we offered"),
            Map.entry(71, "{peer} refused the handshake: it requires stronger cipher suites or parameters than we"
                    + " offered"),
            Map.entry(80, "{peer} failed for a reason of its own, unrelated to what we sent; its log says which"),
            Map.entry(86, "{peer} supports a higher protocol version than this fallback connection offered"),
            Map.entry(90, "{peer} canceled the handshake"),
            Map.entry(100, "{peer} refuses to renegotiate"),
            Map.entry(109, "{peer} requires an extension we did not send"),
            Map.entry(110, "{peer} received an extension it had not asked for"),
            Map.entry(112, "{peer} has no certificate or configuration for the server name (SNI) we asked for"),
            Map.entry(113, "{peer} rejected the OCSP response stapled to our certificate"),
            Map.entry(115, "{peer} does not know the pre-shared key we offered"),
            Map.entry(116, "{peer} requires a client certificate and we sent none"),
            Map.entry(120, "{peer} supports none of the application protocols (ALPN) we offered"));

    private AlertMeaning() {
    }

    /** The meaning with {@code peer} ("the server", "the client") filled in; null for an alert without one. */
    static String of(AlertDescription alert, String peer) {
        String meaning = MEANINGS.get(alert.code());
        return meaning == null ? null : meaning.replace("{peer}", peer);
    }

    /** Whether what we offered (protocols, cipher suites, groups) explains the refusal. */
    static boolean concernsOffer(AlertDescription alert) {
        return alert.equals(AlertDescription.HANDSHAKE_FAILURE) || alert.equals(AlertDescription.PROTOCOL_VERSION)
                || alert.equals(AlertDescription.INSUFFICIENT_SECURITY);
    }
}
