package dev.xtls.it.fleet;

import dev.xtls.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} on 127.0.0.1 (Debian package redis-server; .ci/run installs it), no persistence, for
 * the lifetime of a test; {@link #close} stops it (SIGTERM, then SIGKILL) and waits until it is gone.
 */
final class RedisServer implements AutoCloseable {
    private static final Duration STARTUP_DEADLINE = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final int port;
    private final Path log;
    private final Process process;

    private RedisServer(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts redis-server on a free port and returns once it answers PING. */
    static RedisServer start(Path dir) {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = dir.resolve("redis-" + port + ".log");
        Process p;
        try {
            p = new ProcessBuilder(executable(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server", e);
        }
        RedisServer redis = new RedisServer(port, log, p);
        try {
            redis.awaitPong();
        } catch (RuntimeException | Error e) {
            redis.close();
            throw e;
        }
        return redis;
    }

    /** The location Xtls servers are given: {@code -Ddev.xtls.sessionCache=redis://127.0.0.1:PORT?timeout=...}. */
    String location(Duration timeout) {
        return "redis://127.0.0.1:" + port + "?timeout=" + timeout.toMillis() + "ms";
    }

    private void awaitPong() {
        long deadline = System.nanoTime() + STARTUP_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("redis-server exited with " + process.exitValue() + ": "
                        + FleetServer.read(log));
            }
            if (answersPing()) {
                return;
            }
            FleetServer.sleep(20);
        }
        throw new AssertionError("redis-server did not answer PING on port " + port + " within " + STARTUP_DEADLINE
                + ": " + FleetServer.read(log));
    }

    /** An inline PING (RESP): true on "+PONG". */
    private boolean answersPing() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            s.setSoTimeout(1_000);
            s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] reply = in.readNBytes(5);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG");
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String executable() {
        return Tools.require("redis-server", "redis-server");
    }
}
