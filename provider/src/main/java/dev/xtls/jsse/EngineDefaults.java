package dev.xtls.jsse;

import java.util.List;

/**
 * What the engines of one context start from and share: the context's {@link ProtocolDefaults}, and the last
 * protocol and cipher suite lists an engine was set to. An engine set to a list equal to a default or to the last
 * one shares that list (issue 13: applications set every engine alike; one list per context, not per engine). The lists are
 * immutable, so sharing never lets one engine's setter change another's. Thread-safe.
 */
final class EngineDefaults {
    private final ProtocolDefaults defaults;
    private volatile List<String> lastProtocols = List.of();
    private volatile List<String> lastCipherSuites = List.of();

    EngineDefaults(ProtocolDefaults defaults) {
        this.defaults = defaults;
    }

    ProtocolDefaults defaults() {
        return defaults;
    }

    /** {@code protocols}, or an equal list already held: a side's default, or the one an engine was set to last. */
    List<String> protocols(List<String> protocols) {
        List<String> held = equalDefault(defaults.protocols(true), defaults.protocols(false), protocols);
        if (held != null) {
            return held;
        }
        List<String> last = lastProtocols;
        if (last.equals(protocols)) {
            return last;
        }
        lastProtocols = protocols;
        return protocols;
    }

    /** {@code suites}, or an equal list already held: a side's default, or the one an engine was set to last. */
    List<String> cipherSuites(List<String> suites) {
        List<String> held = equalDefault(defaults.cipherSuiteNames(true), defaults.cipherSuiteNames(false), suites);
        if (held != null) {
            return held;
        }
        List<String> last = lastCipherSuites;
        if (last.equals(suites)) {
            return last;
        }
        lastCipherSuites = suites;
        return suites;
    }

    /** The client's or the server's default if equal to {@code list}, else null. */
    private static List<String> equalDefault(List<String> client, List<String> server, List<String> list) {
        return client.equals(list) ? client : server.equals(list) ? server : null;
    }
}
