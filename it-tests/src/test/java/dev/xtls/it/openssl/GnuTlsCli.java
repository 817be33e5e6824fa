package dev.xtls.it.openssl;

import dev.xtls.testing.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code gnutls-cli} (Debian gnutls-bin) once against 127.0.0.1, TLS 1.2 only, verifying the server as
 * "localhost" against a CA file, with a time bound; the process is always ended. A missing binary skips the test
 * ({@link Tools}; .ci/run installs it and makes that a failure).
 */
final class GnuTlsCli {
    private static final Duration TIMEOUT = OpenSsl.DEFAULT_TIMEOUT;

    private GnuTlsCli() {
    }

    /** What gnutls-cli printed (it reports the handshake and "This is a resumed session" on stdout). */
    record Result(int exitCode, String stdout, String stderr) {
        String describe() {
            return "gnutls-cli exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    /** {@code gnutls-cli <options> 127.0.0.1} with {@code stdin}; fails if it does not finish in time. */
    static Result run(int port, Path caFile, byte[] stdin, String... options) {
        List<String> cmd = command(port, caFile, options);
        Path dir = OpenSsl.tempDir("gnutls-cli");
        Path in = dir.resolve("stdin");
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = null;
        try {
            Files.write(in, stdin);
            p = new ProcessBuilder(cmd).redirectInput(in.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(String.join(" ", cmd) + " did not finish within " + TIMEOUT + "\nstdout:\n"
                        + OpenSsl.read(out) + "\nstderr:\n" + OpenSsl.read(err));
            }
            return new Result(p.exitValue(), OpenSsl.read(out), OpenSsl.read(err));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", cmd), e);
        } finally {
            if (p != null) {
                OpenSsl.stop(p);
            }
            OpenSsl.deleteTree(dir);
        }
    }

    /**
     * {@code gnutls-cli <options> 127.0.0.1} with its stdin kept open: once connected it sends {@code line}, then
     * waits (bounded) until it printed {@code awaited} and closes its stdin, so it ends. stderr is merged.
     */
    static Result talk(int port, Path caFile, byte[] line, String awaited, String... options) {
        List<String> cmd = command(port, caFile, options);
        Path dir = OpenSsl.tempDir("gnutls-cli");
        Path out = dir.resolve("stdout");
        Process p = null;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            awaitOutput(p, out, "- Simple Client Mode");
            if (p.isAlive()) {
                p.getOutputStream().write(line);
                p.getOutputStream().flush();
            }
            awaitOutput(p, out, awaited);
            p.getOutputStream().close();
            p.waitFor(2, TimeUnit.SECONDS);
            return new Result(p.isAlive() ? -1 : p.exitValue(), OpenSsl.read(out), "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", cmd) + "\n" + OpenSsl.read(out), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", cmd), e);
        } finally {
            if (p != null) {
                OpenSsl.stop(p);
            }
            OpenSsl.deleteTree(dir);
        }
    }

    /** TLS 1.2 only and verifying "localhost" against {@code caFile}; a later --priority in options wins. */
    private static List<String> command(int port, Path caFile, String... options) {
        List<String> cmd = new ArrayList<>(List.of(binary(), "--port", String.valueOf(port),
                "--x509cafile", caFile.toString(), "--verify-hostname", "localhost", "--sni-hostname", "localhost",
                "--priority", "NORMAL:-VERS-ALL:+VERS-TLS1.2"));
        cmd.addAll(List.of(options));
        cmd.add("127.0.0.1");
        return cmd;
    }

    /** Polls {@code out} until it contains {@code text}, the process ends, or the timeout passes; its content. */
    static String awaitOutput(Process p, Path out, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && p.isAlive() && !OpenSsl.read(out).contains(text)) {
            Thread.sleep(20);
        }
        return OpenSsl.read(out);
    }

    /** A port free on 127.0.0.1 a moment ago, for a server that cannot be told to pick one itself (gnutls-serv). */
    static int freeLoopbackPort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** gnutls-cli from PATH; missing, it skips the test or fails it under -Dxtls.requireTools=true. */
    static String binary() {
        return Tools.require("gnutls-cli", "gnutls-bin");
    }

    /** gnutls-serv, as {@link #binary()}. */
    static String serverBinary() {
        return Tools.require("gnutls-serv", "gnutls-bin");
    }
}
