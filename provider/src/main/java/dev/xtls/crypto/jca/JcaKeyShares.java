package dev.xtls.crypto.jca;

import dev.xtls.crypto.KeyShare;
import dev.xtls.wire.NamedGroup;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import javax.crypto.KeyAgreement;
import org.bouncycastle.crypto.params.ECDomainParameters;

/**
 * Chooses the implementation per named group. One per {@link JcaTlsCrypto}; immutable after construction.
 */
final class JcaKeyShares {
    private final SecureRandom random;
    private final BcCurves curves;
    private final boolean jdkDh;

    JcaKeyShares(SecureRandom random, BcCurves curves) {
        this.random = random;
        this.curves = curves;
        this.jdkDh = jdkOffers("DH");
    }

    boolean supports(NamedGroup group) {
        if (group.isFiniteField()) {
            return jdkDh && FfdheGroups.parameters(group) != null;
        }
        return curves.of(group) != null || group.equals(NamedGroup.X25519) || group.equals(NamedGroup.X448);
    }

    KeyShare generate(NamedGroup group) {
        if (!supports(group)) {
            throw new IllegalArgumentException("no key exchange for group " + group);
        }
        // keygen+agree us/op, SunEC vs BC: X25519 198/75, P-256 960/190 (X448, P-384, P-521 also 2-4x): BC wins.
        ECDomainParameters curve = curves.of(group);
        if (curve != null) {
            return new EcKeyShare(group, curve, random);
        }
        if (group.isFiniteField()) {
            return new FfdheKeyShare(group, FfdheGroups.parameters(group), random);
        }
        return new XdhKeyShare(group, random);
    }


    private static boolean jdkOffers(String algorithm) {
        try {
            KeyPairGenerator.getInstance(algorithm);
            KeyAgreement.getInstance(algorithm);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
