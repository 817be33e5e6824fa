package dev.xtls.cli;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A process for one test (openssl, gnutls-serv, java -jar), its output in a file; {@link #close()} ends it. */
final class ToolProcess implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern LISTENING = Pattern.compile("(?:ACCEPT |https://)127\\.0\\.0\\.1:(\\d+)");

    private final List<String> command;
    private final Path output;
    private final Process process;

    ToolProcess(Path dir, List<String> command) throws IOException {
        this.command = command;
        output = Files.createTempFile(dir, "process", ".out");
        // stdin stays an open pipe: s_server takes EOF on stdin as a request to stop
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    /** Waits (bounded) until the output matches {@code pattern}; returns the match. */
    Matcher await(Pattern pattern) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(output());
            if (m.find()) {
                return m;
            }
            if (!process.isAlive()) {
                throw new AssertionError(command + " exited with " + process.exitValue() + "\n" + output());
            }
            Thread.sleep(20);
        }
        throw new AssertionError(command + " did not print " + pattern + " within " + WAIT + "\n" + output());
    }

    /** Waits (bounded) for the process to end; returns its exit code. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError(command + " still running after " + WAIT + "\n" + output());
        }
        return process.exitValue();
    }

    /** The process's standard input. */
    java.io.OutputStream stdin() {
        return process.getOutputStream();
    }

    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** {@code openssl s_server -accept 127.0.0.1:0 ARGS}: started, not yet listening (see {@link #awaitPort}). */
    static ToolProcess openSslServer(Path dir, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Tools.require("openssl", "openssl"), "s_server", "-accept",
                "127.0.0.1:0"));
        cmd.addAll(args);
        return new ToolProcess(dir, cmd);
    }

    /** Waits (bounded) for the line that names the port it listens on: s_server's "ACCEPT", xtls serve's URL. */
    int awaitPort() throws InterruptedException {
        return Integer.parseInt(await(LISTENING).group(1));
    }
}
