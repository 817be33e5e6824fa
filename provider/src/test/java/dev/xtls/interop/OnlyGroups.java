package dev.xtls.interop;

import dev.xtls.wire.NamedGroup;
import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.util.Set;

/** SSLParameters constraints that leave only these named groups: how a JSSE user pins groups on JDK 17. */
record OnlyGroups(Set<NamedGroup> groups) implements AlgorithmConstraints {
    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
        return NamedGroup.byName(algorithm).map(groups::contains).orElse(true);
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
        return true;
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, Key key, AlgorithmParameters parameters) {
        return true;
    }
}
