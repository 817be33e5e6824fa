package dev.xtls.it.openssl;

import dev.xtls.testing.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds the {@code openssl} binary and runs short-lived openssl commands with a time bound. A missing binary skips
 * the test, or fails it under {@code -Dxtls.requireTools=true} as in CI ({@link Tools}).
 */
public final class OpenSsl {

    /** Default bound for any openssl process. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    /** System property naming the binary to use instead of the first {@code openssl} on PATH. */
    public static final String BINARY_PROPERTY = "xtls.openssl";

    private OpenSsl() {
    }

    /** The openssl executable: {@value #BINARY_PROPERTY} if set, else the first one on PATH ({@link Tools}). */
    public static String binary() {
        String configured = System.getProperty(BINARY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            if (!Files.isExecutable(Path.of(configured))) {
                throw new IllegalStateException(BINARY_PROPERTY + "=" + configured + " is not executable");
            }
            return configured;
        }
        return Tools.require("openssl", "openssl");
    }

    /** The first line of {@code openssl version}, e.g. "OpenSSL 3.0.19 27 Jan 2026 (...)". */
    public static String version() {
        return run(List.of("version"), DEFAULT_TIMEOUT).stdout().strip();
    }

    /** Output of a finished process. */
    public record Output(int exitCode, String stdout, String stderr) {
    }

    /** Runs {@code openssl <args>} with empty stdin; fails if it does not finish within {@code timeout}. */
    public static Output run(List<String> args, Duration timeout) {
        return run(args, null, timeout);
    }

    static Output run(List<String> args, byte[] stdin, Duration timeout) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary());
        cmd.addAll(args);
        Path dir = tempDir("openssl-run");
        Path in = dir.resolve("stdin");
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = null;
        try {
            Files.write(in, stdin == null ? new byte[0] : stdin);
            p = new ProcessBuilder(cmd).redirectInput(in.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(p);
                throw new AssertionError(String.join(" ", cmd) + " did not finish within " + timeout + "\nstdout:\n"
                        + read(out) + "\nstderr:\n" + read(err));
            }
            return new Output(p.exitValue(), read(out), read(err));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", cmd), e);
        } finally {
            if (p != null) {
                stop(p);
            }
            deleteTree(dir);
        }
    }

    /** destroy(), a short grace period, then destroyForcibly() and wait. */
    static void stop(Process p) {
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "<cannot read " + file + ": " + e + ">";
        }
    }

    static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // temp files only
        }
    }
}
