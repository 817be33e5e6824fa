package dev.xtls.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A command's arguments: {@code --flag}, {@code --name value} and positional arguments, checked against what the command accepts. */
final class Options {
    private static final Set<String> FLAGS = Set.of("help", "tls1.2", "tls1.3", "insecure", "reconnect", "trace");
    private static final Set<String> VALUED = Set.of("alpn", "servername", "cafile", "keylog", "port", "bind", "cert",
            "key", "get");

    private final Map<String, String> values;
    private final List<String> positional;
    private final Set<String> used = new HashSet<>();

    private Options(Map<String, String> values, List<String> positional) {
        this.values = values;
        this.positional = positional;
    }

    static Options parse(String[] args) throws UsageException {
        Map<String, String> values = new HashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                positional.add(a);
                continue;
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (FLAGS.contains(name) && value == null) {
                values.put(name, "");
            } else if (VALUED.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = args[++i];
                }
                values.put(name, value);
            } else {
                throw new UsageException("unknown option: " + a);
            }
        }
        return new Options(values, positional);
    }

    boolean flag(String name) {
        used.add(name);
        return values.containsKey(name);
    }

    Optional<String> value(String name) {
        used.add(name);
        return Optional.ofNullable(values.get(name));
    }

    int intValue(String name, int dflt) throws UsageException {
        Optional<String> v = value(name);
        if (v.isEmpty()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.get());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " needs a number, not " + v.get());
        }
    }

    /** The single positional argument {@code what}. */
    String positional(String what) throws UsageException {
        if (positional.size() != 1) {
            throw new UsageException(positional.isEmpty() ? "missing " + what
                    : "one " + what + " expected, got " + positional);
        }
        return positional.get(0);
    }

    void noPositional() throws UsageException {
        if (!positional.isEmpty()) {
            throw new UsageException("unexpected argument: " + positional.get(0));
        }
    }

    /** Refuses options the command read none of (call after reading them all). */
    void checkAllUsed(String command) throws UsageException {
        for (String name : values.keySet()) {
            if (!used.contains(name)) {
                throw new UsageException("--" + name + " does not apply to " + command);
            }
        }
    }

    /** {@code --tls1.2}/{@code --tls1.3} as JSSE protocol names; null for the default. */
    String[] protocols() throws UsageException {
        boolean v12 = flag("tls1.2");
        boolean v13 = flag("tls1.3");
        if (v12 && v13) {
            throw new UsageException("--tls1.2 and --tls1.3 exclude each other (give neither for both)");
        }
        return v12 ? new String[] {"TLSv1.2"} : v13 ? new String[] {"TLSv1.3"} : null;
    }
}
