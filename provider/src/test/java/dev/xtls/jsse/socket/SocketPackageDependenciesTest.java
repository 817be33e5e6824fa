package dev.xtls.jsse.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** DESIGN.md: the sockets are built on the engine through JSSE types only, never on the core below it. */
class SocketPackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/xtls/jsse/socket");

    @Test
    void socketCodeImportsOnlyTheJdkAndTheJssePackage() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(SOURCES)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertFalse(sources.isEmpty(), "no sources under " + SOURCES.toAbsolutePath());
        List<String> offending = sources.stream().flatMap(SocketPackageDependenciesTest::lines)
                .filter(l -> l.startsWith("import "))
                .map(l -> l.replaceFirst("^import (static )?", ""))
                .filter(i -> !i.startsWith("java.") && !i.startsWith("javax.")
                        && !i.matches("dev\\.xtls\\.jsse\\.(socket\\.)?[A-Z].*"))
                .toList();
        assertEquals(List.of(), offending);
    }

    private static Stream<String> lines(Path p) {
        try {
            return Files.readAllLines(p).stream().map(String::strip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
