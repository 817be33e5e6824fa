package dev.xtls.session.redis;

import static org.junit.jupiter.api.Assertions.fail;

import dev.xtls.testing.Tools;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} on 127.0.0.1 with a free port for each test, stopped after it; {@link #stop()} and
 * {@link #start()} in between bring it down and back on the same port. Needs the Debian package redis-server.
 */
final class RedisServerExtension implements BeforeEachCallback, AfterEachCallback {
    private static final Duration STARTUP_DEADLINE = Duration.ofSeconds(10);

    private int port;
    private Path logFile;
    private Process process;

    int port() {
        return port;
    }

    URI location(String query) {
        return URI.create("redis://127.0.0.1:" + port + (query.isEmpty() ? "" : "?" + query));
    }

    RespClient client() throws IOException {
        return new RespClient(port);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        logFile = Files.createTempFile("redis-server-", ".log");
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        stop();
        Files.deleteIfExists(logFile);
    }

    /** Starts redis-server on this test's port and returns once it answers PING. */
    void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(executable(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no")
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        long deadline = System.nanoTime() + STARTUP_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("redis-server exited with " + process.exitValue() + ": " + Files.readString(logFile));
            }
            try (RespClient client = new RespClient(port)) {
                if ("PONG".equals(client.call("PING"))) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        stop();
        fail("redis-server did not answer PING on port " + port + " within " + STARTUP_DEADLINE.toSeconds()
                + " s: " + Files.readString(logFile));
    }

    /** Stops redis-server (SIGTERM, then SIGKILL) and waits until it is gone. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    private static String executable() {
        return Tools.require("redis-server", "redis-server");
    }
}
