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
    private final LastSet protocols = new LastSet();
    private final LastSet cipherSuites = new LastSet();

    EngineDefaults(ProtocolDefaults defaults) {
        this.defaults = defaults;
    }

    ProtocolDefaults defaults() {
        return defaults;
    }

    /** {@code protocols}, or an equal list already held: a side's default, or the one an engine was set to last. */
    List<String> protocols(List<String> protocols) {
        return this.protocols.share(defaults.protocols(true), defaults.protocols(false), protocols);
    }

    /** {@code suites}, or an equal list already held: a side's default, or the one an engine was set to last. */
    List<String> cipherSuites(List<String> suites) {
        return cipherSuites.share(defaults.cipherSuiteNames(true), defaults.cipherSuiteNames(false), suites);
    }

    /** The list of one setting an engine was set to last. */
    private static final class LastSet {
        private volatile List<String> last = List.of();

        /** The client's or the server's default, or the last list, when equal to {@code list}; else {@code list}. */
        List<String> share(List<String> client, List<String> server, List<String> list) {
            if (client.equals(list)) {
                return client;
            }
            if (server.equals(list)) {
                return server;
            }
            List<String> held = last;
            if (held.equals(list)) {
                return held;
            }
            last = list;
            return list;
        }
    }
}
