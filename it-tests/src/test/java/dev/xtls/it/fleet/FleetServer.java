package dev.xtls.it.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link FleetServerMain} JVM on 127.0.0.1 for the lifetime of a test: the test's java and class path, the given
 * system properties. {@link #start} returns once it prints its port; {@link #close} closes its stdin, waits
 * (bounded), then destroys it.
 */
final class FleetServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern LISTENING = Pattern.compile(FleetServerMain.LISTENING + "(\\d+)");

    private final String name;
    private final Process process;
    private final Path out;
    private final Path err;
    private final int port;

    private FleetServer(String name, Process process, Path out, Path err) {
        this.name = name;
        this.process = process;
        this.out = out;
        this.err = err;
        try {
            this.port = awaitPort();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Starts a server JVM presenting the key in {@code pkcs12}, with {@code properties} as -D options. */
    static FleetServer start(String name, Path dir, Path pkcs12, String password, Map<String, String> properties) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1")); // C1 only: starts faster
        String policy = System.getProperty("java.security.properties");
        if (policy != null) {
            cmd.add("-Djava.security.properties=" + policy); // the same TLS policy as the test JVM
        }
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(List.of(FleetServerMain.class.getName(), pkcs12.toString(), password));
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            return new FleetServer(name, p, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", cmd), e);
        }
    }

    private int awaitPort() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(read(out));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before listening\n"
                        + describe());
            }
            sleep(20);
        }
        throw new AssertionError(name + " did not listen within " + START_TIMEOUT + "\n" + describe());
    }

    int port() {
        return port;
    }

    /** What the JVM printed: failed connections, warnings (e.g. an unreachable session cache), exceptions. */
    String stderr() {
        return read(err);
    }

    String describe() {
        return name + "\n--- stdout ---\n" + read(out) + "\n--- stderr ---\n" + read(err);
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // destroyed below if it does not stop
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "<cannot read " + file + ": " + e + ">";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
