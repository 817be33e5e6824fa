package dev.xtls.handshake.client;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.message.DheServerKeyExchange;
import dev.xtls.message.EcdheServerKeyExchange;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.wire.TlsException;
import dev.xtls.wire.TlsWriter;
import dev.xtls.x509.SignatureSchemes;
import java.math.BigInteger;
import java.security.cert.X509Certificate;

/**
 * Waits for the signed (EC)DHE parameters and checks the signature with the certificate's key
 * (RFC 8422 §5.4, RFC 5246 §7.4.3).
 */
record ExpectServerKeyExchange(ClientNegotiated negotiated, X509Certificate serverLeaf) implements ClientState {
    private static final int MIN_DH_BITS = 2048;

    @Override
    public String expecting() {
        return "ServerKeyExchange";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (ClientState.ignoredHelloRequest(ctx, message)) {
            return this;
        }
        if (!message.type().equals(HandshakeType.SERVER_KEY_EXCHANGE)) {
            throw unexpected(message);
        }
        ClientOffer offer = negotiated.offer();
        KeyAgreementInput input;
        NamedGroup group;
        SignatureScheme scheme;
        byte[] params;
        Bytes signature;
        if (negotiated.suite().keyExchange().isEcdhe()) {
            EcdheServerKeyExchange ske = EcdheServerKeyExchange.decode(message.body());
            if (!offer.groups().contains(ske.group()) || ske.group().isFiniteField()) {
                throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server chose group " + ske.group()
                        + ", which the client did not offer (offered " + offer.groups() + ")");
            }
            input = new KeyAgreementInput.Ecdhe(ske.group(), ske.publicValue());
            group = ske.group();
            scheme = ske.scheme();
            params = ske.encodeParams();
            signature = ske.signature();
        } else {
            DheServerKeyExchange ske = DheServerKeyExchange.decode(message.body());
            BigInteger p = new BigInteger(1, ske.p().toByteArray());
            BigInteger g = new BigInteger(1, ske.g().toByteArray());
            if (p.bitLength() < MIN_DH_BITS) {
                throw new TlsException(AlertDescription.INSUFFICIENT_SECURITY, "server's DHE prime has "
                        + p.bitLength() + " bits; at least " + MIN_DH_BITS + " are required (RFC 7919, Logjam)");
            }
            if (g.compareTo(BigInteger.ONE) <= 0 || g.compareTo(p.subtract(BigInteger.ONE)) >= 0) {
                throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server's DHE generator is out of range");
            }
            input = new KeyAgreementInput.Dhe(p, g, ske.ys());
            group = null;
            scheme = ske.scheme();
            params = ske.encodeParams();
            signature = ske.signature();
        }
        String keyType = SignatureSchemes.keyType(serverLeaf.getPublicKey());
        if (!offer.schemes().contains(scheme) || !SignatureSchemes.matchesKeyType(scheme, keyType)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server signed with " + scheme
                    + ", which is not among the client's " + offer.schemes() + " for a " + keyType + " key");
        }
        byte[] signed = new TlsWriter(params.length + 64).bytes(offer.clientRandom().toByteArray())
                .bytes(negotiated.serverRandom().toByteArray()).bytes(params).toByteArray();
        if (!ctx.crypto().verify(scheme, serverLeaf.getPublicKey(), signed, signature.toByteArray())) {
            throw new TlsException(AlertDescription.DECRYPT_ERROR, "the ServerKeyExchange signature (" + scheme
                    + ") does not verify with the key of " + serverLeaf.getSubjectX500Principal());
        }
        ctx.received(message);
        ctx.updateSession(ctx.session().withKeyExchange(group, scheme));
        return new ExpectServerHelloDone(negotiated, serverLeaf, input, null);
    }
}
