package dev.xtls.handshake.server;

import dev.xtls.handshake.Established;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.RenegotiationContext;
import dev.xtls.handshake.RenegotiationRefusal;
import dev.xtls.handshake.SupplementalDataTypes;
import dev.xtls.message.ClientHello;
import dev.xtls.message.HelloRequest;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.HandshakeType;

/**
 * The server after a handshake. It renegotiates when the application asks (HelloRequest, RFC 5246 §7.4.1.1);
 * a client's own ClientHello is taken only when the policy accepts client-initiated renegotiation, the client
 * signalled RFC 5746, and within the rate limit; otherwise no_renegotiation, then fatal.
 */
public record ServerEstablished(RenegotiationContext renegotiation, boolean refusedOnce, boolean secondHandshakeOpen)
        implements ServerState, Established {
    public ServerEstablished(RenegotiationContext renegotiation) {
        this(renegotiation, false, false);
    }

    /**
     * The state once {@code ctx}'s handshake is complete. After a first handshake, a server that takes
     * SupplementalData in RFC 4680 §4's double handshake accepts the client's renegotiation that carries it.
     */
    static ServerEstablished after(HandshakeContext ctx) {
        SupplementalDataTypes types = ctx.config().supplementalData();
        return new ServerEstablished(ctx.nextRenegotiation(), false,
                ctx.renegotiation().isInitial() && types.doubleHandshake() && !types.receivers().isEmpty());
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (!message.type().equals(HandshakeType.CLIENT_HELLO)) {
            throw unexpected(message);
        }
        ClientHello hello = ClientHello.decode(message.body());
        RenegotiationContext counted = renegotiation.countPeerInitiated(ctx.config().clock().getAsLong());
        String refusal;
        if (!renegotiation.secure()) {
            refusal = "the client did not signal secure renegotiation (RFC 5746) in the previous handshake";
        } else if (secondHandshakeOpen && offersSupplementalData(ctx, hello)) {
            refusal = null; // RFC 4680 §4: the second handshake of the double handshake
        } else if (!ctx.config().renegotiation().acceptClientInitiated()) {
            refusal = "client-initiated renegotiation is not accepted (set the system property"
                    + " jdk.tls.rejectClientInitiatedRenegotiation=false to accept it)";
        } else {
            refusal = RenegotiationRefusal.rateExceeded(ctx, counted);
        }
        if (refusal != null) {
            RenegotiationRefusal.refuse(ctx, refusedOnce, "ClientHello", refusal);
            return new ServerEstablished(renegotiation, true, false);
        }
        return new ExpectClientHello().onHandshake(ctx.output().renegotiation(counted), message);
    }

    private static boolean offersSupplementalData(HandshakeContext ctx, ClientHello hello) {
        return ctx.config().supplementalData().receivers().stream()
                .anyMatch(r -> hello.extensions().has(new ExtensionType(r.extensionType())));
    }

    /** RFC 5246 §7.4.1.1: HelloRequest, kept out of the transcript; the client answers with a ClientHello. */
    @Override
    public HandshakeState renegotiate(HandshakeContext next) {
        next.output().handshakeMessage(HelloRequest.INSTANCE.encode());
        return new ExpectClientHello();
    }
}
