package dev.xtls.crypto.jca;

import dev.xtls.wire.NamedGroup;
import java.util.Map;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;

/** Bouncy Castle's domain parameters for the NIST prime curves, shared by its ECDH and ECDSA uses here. */
final class BcCurves {
    private final Map<NamedGroup, ECDomainParameters> domains = Map.of(
            NamedGroup.SECP256R1, domain("secp256r1"),
            NamedGroup.SECP384R1, domain("secp384r1"),
            NamedGroup.SECP521R1, domain("secp521r1"));

    private static ECDomainParameters domain(String name) {
        return new ECDomainParameters(CustomNamedCurves.getByName(name));
    }

    /** The domain of {@code group}, or null for a group that is not one of these curves. */
    ECDomainParameters of(NamedGroup group) {
        return group == null ? null : domains.get(group);
    }
}
