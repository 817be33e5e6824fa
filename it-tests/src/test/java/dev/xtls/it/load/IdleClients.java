package dev.xtls.it.load;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@link IdleClientsMain} JVM (the test's java and class path): {@link #start} then {@link #awaitReady} until
 * its connections are open, {@link #closeAll} to have them closed; {@link #close} destroys it if still running.
 */
final class IdleClients implements AutoCloseable {
    private static final Pattern READY = Pattern.compile(IdleClientsMain.READY
            + " ok=(\\d+) failed=(\\d+) sessions=(\\d+)");

    /** What the clients reported once every handshake had ended. */
    record Ready(int ok, int failed, int sessions) {
    }

    private final Process process;
    private final Path out;
    private final Path err;

    private IdleClients(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static IdleClients start(Path dir, int port, int connections, int inFlight, Path caPem) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx1g"));
        String policy = System.getProperty("java.security.properties");
        if (policy != null) {
            cmd.add("-Djava.security.properties=" + policy); // the same TLS policy as the test JVM
        }
        cmd.addAll(List.of(IdleClientsMain.class.getName(), String.valueOf(port), String.valueOf(connections),
                String.valueOf(inFlight), caPem.toString()));
        Path out = dir.resolve("idle-clients-" + port + ".out");
        Path err = dir.resolve("idle-clients-" + port + ".err");
        try {
            return new IdleClients(new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", cmd), e);
        }
    }

    /** Waits (bounded) for the READY line. */
    Ready awaitReady(long timeoutSeconds) throws InterruptedException {
        Matcher m = awaitOutput(READY, timeoutSeconds);
        return new Ready(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    /** Tells the clients to close every connection and waits (bounded) until they have and the JVM ended. */
    void closeAll(long timeoutSeconds) throws InterruptedException, IOException {
        OutputStream stdin = process.getOutputStream();
        stdin.write("close\n".getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        awaitOutput(Pattern.compile(IdleClientsMain.CLOSED), timeoutSeconds);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new AssertionError("the client JVM did not exit\n" + describe());
        }
    }

    private Matcher awaitOutput(Pattern line, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            Matcher m = line.matcher(read(out));
            if (m.find()) {
                return m;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the client JVM exited with " + process.exitValue() + "\n" + describe());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + line + " from the client JVM within " + timeoutSeconds + " s\n"
                + describe());
    }

    /** Its stdout and stderr, for failure messages. */
    String describe() {
        return "stdout: " + read(out) + "\nstderr: " + read(err);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
