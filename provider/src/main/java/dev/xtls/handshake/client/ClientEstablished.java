package dev.xtls.handshake.client;

import dev.xtls.handshake.Established;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.RenegotiationContext;
import dev.xtls.handshake.RenegotiationRefusal;
import dev.xtls.message.HelloRequest;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.HandshakeType;

/**
 * The client after a handshake. A HelloRequest (RFC 5246 §7.4.1.1) starts a renegotiation with a new ClientHello
 * (RFC 5746 §3.5) when the server signalled RFC 5746 and within the rate limit; otherwise no_renegotiation.
 */
public record ClientEstablished(RenegotiationContext renegotiation, boolean refusedOnce) implements ClientState,
        Established {
    public ClientEstablished(RenegotiationContext renegotiation) {
        this(renegotiation, false);
    }

    /**
     * The state once {@code ctx}'s handshake is complete: established or, for the first handshake of RFC 4680 §4's
     * double handshake, already the ClientHello of the second one, which carries the SupplementalData types.
     */
    static HandshakeState after(HandshakeContext ctx) {
        ClientEstablished done = new ClientEstablished(ctx.nextRenegotiation());
        if (done.renegotiation().secure() && ctx.config().supplementalData().secondHandshakeDue(ctx.renegotiation())) {
            return done.renegotiate(ctx.output().renegotiation(done.renegotiation()));
        }
        return done;
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (!message.type().equals(HandshakeType.HELLO_REQUEST)) {
            throw unexpected(message);
        }
        HelloRequest.decode(message.body()); // an empty body, else decode_error
        RenegotiationContext counted = renegotiation.countPeerInitiated(ctx.config().clock().getAsLong());
        String refusal = !renegotiation.secure() ? "the server did not signal secure renegotiation (RFC 5746) in"
                + " the previous handshake" : RenegotiationRefusal.rateExceeded(ctx, counted);
        if (refusal != null) {
            RenegotiationRefusal.refuse(ctx, refusedOnce, "HelloRequest", refusal);
            return new ClientEstablished(renegotiation, true);
        }
        return ClientHandshake.start(ctx.output().renegotiation(counted));
    }

    @Override
    public HandshakeState renegotiate(HandshakeContext next) {
        return ClientHandshake.start(next);
    }
}
