package dev.xtls.handshake.client;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.message.EcdheServerKeyExchange;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsException;
import dev.xtls.wire.TlsWriter;
import dev.xtls.x509.SignatureSchemes;
import java.security.cert.X509Certificate;

/** Waits for the signed ECDHE parameters and checks the signature with the certificate's key (RFC 8422 §5.4). */
record ExpectServerKeyExchange(ClientNegotiated negotiated, X509Certificate serverLeaf) implements ClientState {
    @Override
    public String expecting() {
        return "ServerKeyExchange";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (!message.type().equals(HandshakeType.SERVER_KEY_EXCHANGE)) {
            throw unexpected(message);
        }
        EcdheServerKeyExchange ske = EcdheServerKeyExchange.decode(message.body());
        ClientOffer offer = negotiated.offer();
        if (!offer.groups().contains(ske.group())) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server chose group " + ske.group()
                    + ", which the client did not offer (offered " + offer.groups() + ")");
        }
        String keyType = SignatureSchemes.keyType(serverLeaf.getPublicKey());
        if (!offer.schemes().contains(ske.scheme()) || !SignatureSchemes.matchesKeyType(ske.scheme(), keyType)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server signed with " + ske.scheme()
                    + ", which is not among the client's " + offer.schemes() + " for a " + keyType + " key");
        }
        byte[] signed = new TlsWriter(128).bytes(offer.clientRandom().toByteArray())
                .bytes(negotiated.serverRandom().toByteArray()).bytes(ske.encodeParams()).toByteArray();
        if (!ctx.crypto().verify(ske.scheme(), serverLeaf.getPublicKey(), signed, ske.signature().toByteArray())) {
            throw new TlsException(AlertDescription.DECRYPT_ERROR, "the ServerKeyExchange signature ("
                    + ske.scheme() + ") does not verify with the key of " + serverLeaf.getSubjectX500Principal());
        }
        ctx.received(message);
        ctx.updateSession(ctx.session().withKeyExchange(ske.group(), ske.scheme()));
        return new ExpectServerHelloDone(negotiated, serverLeaf, ske, null);
    }
}
