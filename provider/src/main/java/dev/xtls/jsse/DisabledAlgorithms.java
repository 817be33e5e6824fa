package dev.xtls.jsse;

import dev.xtls.handshake.tls13.Tls13Suite;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.SignatureScheme;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The bare names in the {@code jdk.tls.disabledAlgorithms} security property, and schemes restricted with
 * {@code usage HandshakeSignature} (handshake signatures are all a scheme is used for here). Other entries with
 * constraints ({@code "EC keySize < 224"}, {@code "SHA1 jdkCA & usage TLSServer"}) are kept aside, not applied:
 * key sizes and certificate usages are left to the trust manager. {@code include <property>} is expanded; a trailing {@code *} in a
 * name matches any suffix ({@code TLS_RSA_*}).
 */
public final class DisabledAlgorithms {
    public static final String PROPERTY = "jdk.tls.disabledAlgorithms";

    private final Set<String> names;
    private final List<String> prefixes;
    private final List<String> constrained;

    private DisabledAlgorithms(Set<String> names, List<String> prefixes, List<String> constrained) {
        this.names = Set.copyOf(names);
        this.prefixes = List.copyOf(prefixes);
        this.constrained = List.copyOf(constrained);
    }

    public static DisabledAlgorithms none() {
        return new DisabledAlgorithms(Set.of(), List.of(), List.of());
    }

    /** Parses {@code value}; {@code securityProperty} resolves {@code include} entries. */
    public static DisabledAlgorithms parse(String value, Function<String, String> securityProperty) {
        Set<String> names = new HashSet<>();
        List<String> prefixes = new ArrayList<>();
        List<String> constrained = new ArrayList<>();
        addEntries(value, securityProperty, names, prefixes, constrained, 0);
        return new DisabledAlgorithms(names, prefixes, constrained);
    }

    private static void addEntries(String value, Function<String, String> securityProperty, Set<String> names,
            List<String> prefixes, List<String> constrained, int depth) {
        for (String entry : ProtocolDefaults.parseList(value)) {
            String[] words = entry.split("\\s+", 2);
            if (words.length == 2 && words[0].equals("include")) {
                if (depth < 4) {
                    addEntries(securityProperty.apply(words[1].trim()), securityProperty, names, prefixes,
                            constrained, depth + 1);
                }
            } else if (words.length == 2 && words[1].trim().equals("usage HandshakeSignature")) {
                // the scheme may not sign handshakes (JDK 24+: rsa_pkcs1_sha1, ecdsa_sha1), which is all we use it for
                names.add(normalise(words[0]));
            } else if (words.length == 2) {
                constrained.add(entry);
            } else if (entry.endsWith("*")) {
                prefixes.add(normalise(entry.substring(0, entry.length() - 1)));
            } else {
                names.add(normalise(entry));
            }
        }
    }

    /** Entries with constraints that this implementation does not evaluate. */
    public List<String> ignoredConstrainedEntries() {
        return constrained;
    }

    public boolean permitsProtocol(String jsseName) {
        return !disabled(jsseName);
    }

    public boolean permitsGroup(NamedGroup group) {
        return !disabled(group.name());
    }

    /** A scheme is disabled by its IANA name, its JDK signature algorithm name, or one of its name's parts. */
    public boolean permitsScheme(SignatureScheme scheme) {
        if (disabled(scheme.name()) || disabled(SignatureAlgorithmNames.of(scheme))) {
            return false;
        }
        for (String part : scheme.name().split("_")) {
            if (names.contains(normalise(part))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A suite is disabled by its name or by one of its components: the key exchange ("ECDHE_RSA") and its parts
     * ("ECDHE", "RSA"), the bulk cipher ("AES_128_GCM"), and for non-AEAD suites the MAC ("SHA256").
     */
    public boolean permitsSuite(CipherSuite suite) {
        String name = suite.name();
        if (disabled(name)) {
            return false;
        }
        for (String component : suiteComponents(name)) {
            if (names.contains(normalise(component))) {
                return false;
            }
        }
        return true;
    }

    static List<String> suiteComponents(String name) {
        List<String> out = new ArrayList<>();
        String body = name.startsWith("TLS_") || name.startsWith("SSL_") ? name.substring(4) : name;
        int with = body.indexOf("_WITH_");
        String rest;
        if (with >= 0) {
            String keyExchange = body.substring(0, with);
            out.add(keyExchange);
            out.addAll(List.of(keyExchange.split("_")));
            rest = body.substring(with + "_WITH_".length());
        } else if (CipherSuite.byName(name).filter(Tls13Suite::isTls13).isPresent()) {
            rest = body; // RFC 8446 §B.4: TLS_<AEAD>_<HASH>, no key exchange in the name
        } else {
            return out;
        }
        int lastPart = rest.lastIndexOf('_');
        if (lastPart < 0) {
            out.add(rest);
            return out;
        }
        String cipher = rest.substring(0, lastPart);
        out.add(cipher);
        if (!cipher.endsWith("GCM") && !cipher.endsWith("CCM") && !cipher.startsWith("CHACHA20")) {
            out.add(rest.substring(lastPart + 1));
        }
        return out;
    }

    private boolean disabled(String name) {
        String n = normalise(name);
        if (names.contains(n)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (n.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String normalise(String name) {
        return name.trim().toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "DisabledAlgorithms" + names + " prefixes " + prefixes + " ignored " + constrained;
    }
}
