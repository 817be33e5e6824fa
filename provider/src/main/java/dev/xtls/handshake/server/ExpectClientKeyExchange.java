package dev.xtls.handshake.server;

import dev.xtls.crypto.KeyShare;
import dev.xtls.crypto.Secret;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.Tls12Secrets;
import dev.xtls.handshake.Tls12Secrets.TrafficProtection;
import dev.xtls.message.DhClientKeyExchange;
import dev.xtls.message.EcdhClientKeyExchange;
import dev.xtls.message.RsaClientKeyExchange;
import dev.xtls.wire.Bytes;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.HandshakeType;

/** Waits for ClientKeyExchange and derives the keys (RFC 5246 §7.4.7, RFC 8422 §5.7, RFC 7627 §4). */
record ExpectClientKeyExchange(ServerNegotiated negotiated, ServerKeyAgreement agreement, boolean clientCertified)
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
        byte[] premaster = premaster(ctx, message.body());
        ctx.received(message);
        Secret master = Tls12Secrets.masterSecret(ctx, negotiated.suite(), premaster, negotiated.clientRandom(),
                negotiated.serverRandom(), negotiated.extendedMasterSecret());
        TrafficProtection keys = Tls12Secrets.trafficProtection(ctx, negotiated.suite(), master,
                negotiated.clientRandom(), negotiated.serverRandom(), negotiated.encryptThenMac());
        ctx.updateSession(ctx.session().withMasterSecret(master, negotiated.extendedMasterSecret()));
        return clientCertified ? new ExpectCertificateVerify(negotiated, master, keys)
                : new ExpectClientChangeCipherSpec(negotiated, master, keys);
    }

    private byte[] premaster(HandshakeContext ctx, byte[] body) {
        if (agreement instanceof ServerKeyAgreement.RsaTransport rsa) {
            // RFC 5246 §7.4.7.1: no alert and no distinguishable path when decryption fails
            RsaClientKeyExchange cke = RsaClientKeyExchange.decode(body);
            return ctx.crypto().rsaDecryptPremaster(rsa.key(), cke.encryptedPreMaster().toByteArray(),
                    rsa.clientVersion());
        }
        KeyShare share = ((ServerKeyAgreement.Ephemeral) agreement).share();
        try {
            Bytes peer = negotiated.suite().keyExchange().isDhe() ? DhClientKeyExchange.decode(body).yc()
                    : EcdhClientKeyExchange.decode(body).publicValue();
            return share.agree(peer.toByteArray());
        } finally {
            share.destroy();
        }
    }
}
