package dev.xtls.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Dependencies between the provider's packages point downward only (the layering in README "Design"). */
class PackageDependenciesTest {
    private static final Path MAIN = Path.of("src/main/java/dev/xtls");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.xtls\\.([a-z.]+)\\.[A-Z]",
            Pattern.MULTILINE);

    /** Package → the Xtls packages it may import (its own always allowed). */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("wire", Set.of()),
            Map.entry("message", Set.of("wire")),
            Map.entry("message.ext", Set.of("wire", "message")),
            Map.entry("crypto", Set.of("wire")),
            Map.entry("crypto.jca", Set.of("wire", "crypto")),
            Map.entry("keys", Set.of("wire", "crypto")),
            Map.entry("record", Set.of("wire", "crypto")),
            Map.entry("session", Set.of("wire", "crypto", "keys")),
            Map.entry("x509", Set.of("wire", "crypto")),
            Map.entry("stapling", Set.of("wire", "x509")),
            Map.entry("handshake", Set.of("wire", "spi", "message", "message.ext", "crypto", "keys", "record", "session",
                    "x509")),
            // the 1.2 hello states negotiate the version once and hand over to the 1.3 states (DESIGN "TLS 1.3")
            Map.entry("handshake.client", Set.of("wire", "spi", "message", "message.ext", "crypto", "keys", "record",
                    "session", "x509", "handshake", "handshake.tls13", "handshake.tls13.client")),
            Map.entry("handshake.server", Set.of("wire", "spi", "message", "message.ext", "crypto", "keys", "record",
                    "session", "x509", "handshake", "handshake.tls13", "handshake.tls13.server")),
            Map.entry("handshake.tls13", Set.of("wire", "message", "message.ext", "crypto", "keys", "record",
                    "session", "x509", "handshake")),
            Map.entry("handshake.tls13.client", Set.of("wire", "message", "message.ext", "crypto", "keys", "record",
                    "session", "x509", "handshake", "handshake.tls13")),
            Map.entry("handshake.tls13.server", Set.of("wire", "message", "message.ext", "crypto", "keys", "record",
                    "session", "x509", "handshake", "handshake.tls13")),
            // engine → keys: the connection owns its keying material exporter (RFC 5705, RFC 8446 §7.5)
            Map.entry("engine", Set.of("wire", "message", "crypto", "keys", "record", "session", "handshake",
                    "handshake.client", "handshake.server")),
            Map.entry("jsse", Set.of("wire", "crypto", "session", "x509", "stapling", "handshake", "handshake.tls13",
                    "engine", "jsse.socket", "spi")),
            // the sockets see engines only through EngineSource (DESIGN rule 1: one protocol driver)
            Map.entry("jsse.socket", Set.of()),
            Map.entry("spi", Set.of()),
            // the demo: an application of the provider, using the Xtls-only API as users do
            Map.entry("tools", Set.of("jsse", "session", "wire", "api")),
            // the Xtls-only API: static helpers over the standard JSSE types (DESIGN "Xtls-only APIs")
            Map.entry("api", Set.of("wire", "message", "message.ext", "handshake", "jsse", "jsse.socket", "spi")));

    @Test
    void everyImportPointsDownward() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = MAIN.relativize(file.getParent()).toString().replace('/', '.');
                if (pkg.isEmpty()) {
                    continue; // dev.xtls: the provider class wires the layers together
                }
                Set<String> allowed = ALLOWED.get(pkg);
                if (allowed == null) {
                    violations.add(file + ": package dev.xtls." + pkg + " has no rule here");
                    continue;
                }
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String target = m.group(1);
                    if (!target.equals(pkg) && !allowed.contains(target)) {
                        violations.add(file.getFileName() + " (" + pkg + ") imports dev.xtls." + target);
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
