package dev.xtls.crypto.jca;

import dev.xtls.crypto.KeyShare;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.TlsException;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * Ephemeral ECDH on a NIST prime curve through Bouncy Castle's lightweight API (chosen by benchmark, see
 * {@link JcaKeyShares}). Points travel uncompressed (RFC 8422 §5.4.1); the secret is the X coordinate padded to
 * the field size (RFC 8422 §5.10).
 */
final class EcKeyShare implements KeyShare {
    private final NamedGroup group;
    private final ECDomainParameters domain;
    private final int fieldBytes;
    private final byte[] publicValue;
    private ECPrivateKeyParameters privateKey;

    EcKeyShare(NamedGroup group, ECDomainParameters domain, SecureRandom random) {
        this.group = group;
        this.domain = domain;
        this.fieldBytes = (domain.getCurve().getFieldSize() + 7) / 8;
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(domain, random));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        this.privateKey = (ECPrivateKeyParameters) pair.getPrivate();
        this.publicValue = ((ECPublicKeyParameters) pair.getPublic()).getQ().getEncoded(false);
    }

    @Override
    public NamedGroup group() {
        return group;
    }

    @Override
    public byte[] publicValue() {
        return publicValue.clone();
    }

    @Override
    public byte[] agree(byte[] peerPublicValue) {
        if (privateKey == null) {
            throw new IllegalStateException(group + " key share was destroyed");
        }
        int expected = 1 + 2 * fieldBytes;
        if (peerPublicValue.length != expected) {
            throw illegal("is " + peerPublicValue.length + " bytes, expected " + expected);
        }
        if (peerPublicValue[0] != 0x04) {
            throw illegal(String.format("starts with 0x%02x, expected 0x04 (uncompressed)", peerPublicValue[0]));
        }
        ECPublicKeyParameters peer;
        try {
            // decodePoint rejects coordinates >= p and points off the curve; the constructor rejects infinity.
            ECPoint point = domain.getCurve().decodePoint(peerPublicValue);
            peer = new ECPublicKeyParameters(point, domain);
        } catch (IllegalArgumentException e) {
            throw illegal("is not a point on the curve");
        }
        BigInteger x;
        try {
            ECDHBasicAgreement agreement = new ECDHBasicAgreement();
            agreement.init(privateKey);
            x = agreement.calculateAgreement(peer);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw illegal("gives no shared point");
        }
        return BigIntegers.asUnsignedByteArray(fieldBytes, x);
    }

    @Override
    public void destroy() {
        // BigInteger cannot be wiped; dropping the reference is the best the API allows.
        privateKey = null;
    }

    private TlsException illegal(String what) {
        return new TlsException(AlertDescription.ILLEGAL_PARAMETER, "peer's " + group + " public value " + what);
    }
}
