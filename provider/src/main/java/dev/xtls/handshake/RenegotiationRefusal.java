package dev.xtls.handshake;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.TlsException;

/**
 * A peer's renegotiation request this side does not take part in: a no_renegotiation warning the first time
 * (RFC 5246 §7.2.2, RFC 5746 §4.2), fatal the next, so a flood of requests never costs a flood of answers.
 */
public final class RenegotiationRefusal {
    private RenegotiationRefusal() {
    }

    /**
     * Sends no_renegotiation, or throws when {@code alreadyRefused}; {@code request} names the message,
     * {@code reason} says why it is refused.
     */
    public static void refuse(HandshakeContext ctx, boolean alreadyRefused, String request, String reason) {
        if (alreadyRefused) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "renegotiation refused: " + reason
                    + "; a second renegotiation request (" + request + ") was received after the first was"
                    + " refused with no_renegotiation");
        }
        ctx.output().warningAlert(AlertDescription.NO_RENEGOTIATION);
    }

    /** The peer-initiated renegotiation counted in {@code next} exceeds the policy's rate, or null if it does not. */
    public static String rateExceeded(HandshakeContext ctx, RenegotiationContext next) {
        int max = ctx.config().renegotiation().maxPeerInitiatedPerWindow();
        return next.peerInitiatedInWindow() <= max ? null : "at most " + max + " peer-initiated renegotiations are"
                + " accepted per " + RenegotiationPolicy.WINDOW_MILLIS / 1000 + " s on one connection";
    }
}
