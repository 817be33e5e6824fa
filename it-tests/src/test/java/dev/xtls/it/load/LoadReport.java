package dev.xtls.it.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends measured rows to {@code target/load-report.md} (and prints them) for the README's reliability table:
 * figures are reported, never asserted.
 */
final class LoadReport {
    private static final Path FILE = Path.of("target", "load-report.md");

    private LoadReport() {
    }

    /** One row: scenario, implementation, then the figures, with the load average when it was measured. */
    static synchronized void row(String scenario, String implementation, String figures) {
        String line = String.format("| %s | %s | %s | load %.2f |%n", scenario, implementation, figures,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.print(line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
