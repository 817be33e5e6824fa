package dev.xtls.handshake.server;

import dev.xtls.crypto.KeyShare;
import dev.xtls.crypto.Secret;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.Tls12Secrets;
import dev.xtls.handshake.Tls12Secrets.TrafficProtection;
import dev.xtls.message.EcdhClientKeyExchange;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.HandshakeType;

/** Waits for the client's ECDHE public value and derives the keys (RFC 8422 §5.7, RFC 7627 §4). */
record ExpectClientKeyExchange(ServerNegotiated negotiated, KeyShare share, boolean clientCertified)
        implements ServerState {
    @Override
    public String expecting() {
        return "ClientKeyExchange";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (!message.type().equals(HandshakeType.CLIENT_KEY_EXCHANGE)) {
            throw unexpected(message);
        }
        EcdhClientKeyExchange cke = EcdhClientKeyExchange.decode(message.body());
        byte[] premaster;
        try {
            premaster = share.agree(cke.publicValue().toByteArray());
        } finally {
            share.destroy();
        }
        ctx.received(message);
        Secret master = Tls12Secrets.masterSecret(ctx, negotiated.suite(), premaster, negotiated.clientRandom(),
                negotiated.serverRandom(), negotiated.extendedMasterSecret());
        TrafficProtection keys = Tls12Secrets.trafficProtection(ctx, negotiated.suite(), master,
                negotiated.clientRandom(), negotiated.serverRandom());
        ctx.updateSession(ctx.session().withMasterSecret(master, negotiated.extendedMasterSecret()));
        return clientCertified ? new ExpectCertificateVerify(negotiated, master, keys)
                : new ExpectClientChangeCipherSpec(negotiated, master, keys);
    }
}
