package dev.xtls.cli;

import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.util.Set;

/**
 * Permits one name of a family (groups, or signature algorithms by Java name) and refuses the family's others; every
 * other name passes. Java 17 has no SSLParameters.setNamedGroups: Xtls, like SunJSSE, filters its groups and
 * signature schemes through the SSLParameters' constraints.
 */
record OnlyOneOf(Set<String> family, String permitted) implements AlgorithmConstraints {
    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
        return !family.contains(algorithm) || algorithm.equals(permitted);
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
        return true;
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, Key key,
            AlgorithmParameters parameters) {
        return permits(primitives, algorithm, parameters);
    }
}
