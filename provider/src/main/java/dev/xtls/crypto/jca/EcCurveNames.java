package dev.xtls.crypto.jca;

import dev.xtls.wire.NamedGroup;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** Names the curve of an EC key by comparing its domain parameters with the JDK's named curves. */
final class EcCurveNames {
    private final Map<NamedGroup, ECParameterSpec> curves = new LinkedHashMap<>();

    EcCurveNames() {
        put(NamedGroup.SECP256R1, "secp256r1");
        put(NamedGroup.SECP384R1, "secp384r1");
        put(NamedGroup.SECP521R1, "secp521r1");
    }

    private void put(NamedGroup group, String name) {
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec(name));
            curves.put(group, params.getParameterSpec(ECParameterSpec.class));
        } catch (GeneralSecurityException e) {
            // the JDK lacks this curve: keys on it are simply not named
        }
    }

    NamedGroup of(PublicKey key) {
        return key instanceof ECPublicKey ec ? of(ec.getParams()) : null;
    }

    NamedGroup of(ECParameterSpec spec) {
        if (spec == null) {
            return null;
        }
        for (Map.Entry<NamedGroup, ECParameterSpec> e : curves.entrySet()) {
            ECParameterSpec known = e.getValue();
            if (known.getCurve().equals(spec.getCurve()) && known.getGenerator().equals(spec.getGenerator())
                    && known.getOrder().equals(spec.getOrder())) {
                return e.getKey();
            }
        }
        return null;
    }
}
