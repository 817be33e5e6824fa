package dev.xtls.message;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** DESIGN.md: the message packages use only dev.xtls.wire and java.base. */
class MessagePackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/xtls/message");

    @Test
    void messageCodeImportsOnlyWireMessageAndJavaBase() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertFalse(sources.isEmpty(), "no sources under " + SOURCES.toAbsolutePath());
        List<String> offending = sources.stream().flatMap(MessagePackageDependenciesTest::lines)
                .filter(l -> l.startsWith("import "))
                .map(l -> l.replaceFirst("^import (static )?", ""))
                .filter(i -> !i.startsWith("java.") && !i.startsWith("dev.xtls.wire.")
                        && !i.startsWith("dev.xtls.message."))
                .toList();
        assertEquals(List.of(), offending);
    }

    @Test
    void messagesDoNotDependOnTheTypedExtensions() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            List<String> offending = files.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(MessagePackageDependenciesTest::lines)
                    .filter(l -> l.startsWith("import dev.xtls.message.ext.")).toList();
            assertEquals(List.of(), offending);
        }
    }

    private static Stream<String> lines(Path p) {
        try {
            return Files.readAllLines(p).stream().map(String::strip);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
