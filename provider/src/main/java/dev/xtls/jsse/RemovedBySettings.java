package dev.xtls.jsse;

import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.handshake.tls13.Tls13Suite;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which protocol versions, cipher suites and groups this provider implements but a setting kept out of the
 * handshake, named by setting: jdk.tls.disabledAlgorithms, setEnabledProtocols, setEnabledCipherSuites (suites of
 * an enabled version, only when the application changed the list), the default list (RSA key transport),
 * jdk.tls.namedGroups, and the SSLParameters' algorithm constraints.
 */
final class RemovedBySettings {
    private static final int LISTED = 4;

    private RemovedBySettings() {
    }

    /** "removed here: TLSv1.3 by setEnabledProtocols; ..." or null when no setting removed anything. */
    static String describe(ProtocolDefaults defaults, boolean clientMode, List<String> enabledProtocols,
            List<String> enabledSuites, HandshakeConfig config) {
        List<String> disabled = new ArrayList<>();
        List<String> notEnabled = new ArrayList<>();
        List<String> suitesNotEnabled = new ArrayList<>();
        List<String> offByDefault = new ArrayList<>();
        List<String> constrained = new ArrayList<>();
        List<String> withoutSuite = new ArrayList<>();
        for (ProtocolVersion v : ProtocolDefaults.IMPLEMENTED_PROTOCOLS) {
            String name = v.name();
            if (!defaults.supportedProtocols().contains(name)) {
                disabled.add(name);
            } else if (!enabledProtocols.contains(name)) {
                notEnabled.add(name);
            } else if (!config.versions().contains(v)) {
                // RFC 8446 §B.4: a version is active only with an enabled suite of its own
                boolean hasSuite = enabledSuites.stream().map(CipherSuite::byName).flatMap(Optional::stream)
                        .anyMatch(s -> Tls13Suite.isTls13(s) == v.equals(ProtocolVersion.TLS13));
                (hasSuite ? constrained : withoutSuite).add(name);
            }
        }
        boolean suitesChanged = !enabledSuites.equals(defaults.cipherSuites(clientMode).stream()
                .map(CipherSuite::name).toList());
        for (CipherSuite s : ProtocolDefaults.IMPLEMENTED_CIPHER_SUITES) {
            if (!defaults.supportedCipherSuites().contains(s)) {
                disabled.add(s.name());
            } else if (!enabledSuites.contains(s.name())) {
                boolean ofActiveVersion = config.versions().stream()
                        .anyMatch(v -> v.equals(ProtocolVersion.TLS13) == Tls13Suite.isTls13(s));
                if (suitesChanged && ofActiveVersion) {
                    suitesNotEnabled.add(s.name());
                } else if (!suitesChanged && ofActiveVersion && ProtocolDefaults.isRsaKeyTransport(s)) {
                    offByDefault.add(s.name());
                }
            } else if (!config.cipherSuites().contains(s) && config.versions().stream()
                    .anyMatch(v -> v.equals(ProtocolVersion.TLS13) == Tls13Suite.isTls13(s))) {
                constrained.add(s.name());
            }
        }
        List<String> notListed = new ArrayList<>();
        for (NamedGroup g : ProtocolDefaults.IMPLEMENTED_GROUPS) {
            if (!defaults.disabled().permitsGroup(g)) {
                disabled.add(g.name());
            } else if (!defaults.namedGroups().contains(g)) {
                notListed.add(g.name());
            } else if (!config.namedGroups().contains(g)) {
                constrained.add(g.name());
            }
        }
        List<String> parts = new ArrayList<>();
        add(parts, disabled, "by jdk.tls.disabledAlgorithms");
        add(parts, notEnabled, "not enabled by setEnabledProtocols, SSLParameters or the context's defaults");
        add(parts, suitesNotEnabled, "by setEnabledCipherSuites (or SSLParameters)");
        add(parts, offByDefault, "by default (RSA key transport, timing side channel: enable it with"
                + " setEnabledCipherSuites if a peer needs it)");
        add(parts, withoutSuite, "for want of an enabled cipher suite of that version");
        add(parts, notListed, "by jdk.tls.namedGroups");
        add(parts, constrained, "by the SSLParameters' algorithm constraints");
        return parts.isEmpty() ? null : "removed here: " + String.join("; ", parts);
    }

    /** Long lists name their first {@link #LISTED} entries and the count. */
    private static void add(List<String> parts, List<String> names, String setting) {
        if (names.size() > LISTED) {
            parts.add(names.subList(0, LISTED).toString().replace("]", ", ... (" + names.size() + " in all)] ")
                    + setting);
        } else if (!names.isEmpty()) {
            parts.add(names + " " + setting);
        }
    }
}
