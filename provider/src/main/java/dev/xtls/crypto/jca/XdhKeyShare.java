package dev.xtls.crypto.jca;

import dev.xtls.crypto.KeyShare;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.TlsException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc7748.X448;

/**
 * Ephemeral X25519 / X448 (RFC 7748) through Bouncy Castle's lightweight functions (chosen by benchmark, see
 * {@link JcaKeyShares}). Public values and the shared secret are raw little-endian u-coordinates.
 */
final class XdhKeyShare implements KeyShare {
    private final NamedGroup group;
    private final boolean x25519;
    private final byte[] publicValue;
    private final byte[] privateKey;
    private boolean destroyed;

    XdhKeyShare(NamedGroup group, SecureRandom random) {
        this.group = group;
        this.x25519 = group.equals(NamedGroup.X25519);
        if (!x25519 && !group.equals(NamedGroup.X448)) {
            throw new IllegalArgumentException(group + " is not an RFC 7748 group");
        }
        int length = x25519 ? X25519.POINT_SIZE : X448.POINT_SIZE;
        this.privateKey = new byte[length];
        this.publicValue = new byte[length];
        if (x25519) {
            X25519.generatePrivateKey(random, privateKey);
            X25519.generatePublicKey(privateKey, 0, publicValue, 0);
        } else {
            X448.generatePrivateKey(random, privateKey);
            X448.generatePublicKey(privateKey, 0, publicValue, 0);
        }
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
        if (destroyed) {
            throw new IllegalStateException(group + " key share was destroyed");
        }
        if (peerPublicValue.length != publicValue.length) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "peer's " + group + " public value is "
                    + peerPublicValue.length + " bytes, expected " + publicValue.length);
        }
        byte[] secret = new byte[publicValue.length];
        // false means the all-zero output of a small-order point (RFC 7748 §6.1, §6.2).
        boolean nonZero = x25519
                ? X25519.calculateAgreement(privateKey, 0, peerPublicValue, 0, secret, 0)
                : X448.calculateAgreement(privateKey, 0, peerPublicValue, 0, secret, 0);
        if (!nonZero) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "peer's " + group
                    + " public value is a small-order point: the shared secret is all zeros");
        }
        return secret;
    }

    @Override
    public void destroy() {
        Arrays.fill(privateKey, (byte) 0);
        destroyed = true;
    }
}
