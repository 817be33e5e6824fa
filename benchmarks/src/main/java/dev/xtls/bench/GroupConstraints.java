package dev.xtls.bench;

import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Permits everything except key agreement over a named group not in the list given. */
final class GroupConstraints implements AlgorithmConstraints {
    private static final Set<String> GROUPS = Set.of("x25519", "x448", "secp256r1", "secp384r1", "secp521r1",
            "ffdhe2048", "ffdhe3072", "ffdhe4096", "ffdhe6144", "ffdhe8192");

    private final Set<String> permitted;

    GroupConstraints(List<String> permitted) {
        this.permitted = Set.copyOf(permitted);
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
        return !primitives.contains(CryptoPrimitive.KEY_AGREEMENT) || algorithm == null
                || !GROUPS.contains(algorithm.toLowerCase(Locale.ROOT))
                || permitted.contains(algorithm.toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
        return true;
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, Key key,
            AlgorithmParameters parameters) {
        return true;
    }
}
