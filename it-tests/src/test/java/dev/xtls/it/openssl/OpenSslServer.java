package dev.xtls.it.openssl;

import dev.xtls.testing.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code openssl s_server} on 127.0.0.1, TLS 1.2 only, for the lifetime of a test. It listens on a port the
 * kernel picks ({@code -accept 127.0.0.1:0}) and {@link Builder#start()} returns once s_server has printed
 * "ACCEPT 127.0.0.1:PORT", i.e. after listen(): the port accepts from then on, with no probe connection to eat
 * one of s_server's accepts. {@link #close()} ends the process (destroy, then destroyForcibly).
 */
public final class OpenSslServer implements AutoCloseable {

    /** How s_server answers a connection. */
    public enum Mode {
        /** {@code -www}: answers "GET /" with an HTML status page naming the negotiated cipher, then closes. */
        WWW,
        /** {@code -rev}: echoes every line back reversed, and prints each session (protocol, cipher) on stderr. */
        REVERSE_ECHO,
        /**
         * Neither: prints what the client sends on stdout and sends each line of its stdin ({@link #command}),
         * where "R" asks for a renegotiation with a client certificate request and "r" for one without.
         */
        INTERACTIVE
    }

    private static final Pattern ACCEPT = Pattern.compile("ACCEPT 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern CIPHER = Pattern.compile("(?:CIPHER is|Ciphersuite:) (\\S+)");
    private static final Pattern PROTOCOL = Pattern.compile("Protocol version: (\\S+)");
    private static final Pattern PEER_CERT = Pattern.compile("Peer certificate: (.+)");

    public static final class Builder {
        private final TestPki.PemFiles credential;
        private Mode mode = Mode.WWW;
        private String cipher;
        private Path caFile;
        private boolean requireClientCertificate;
        private Duration startTimeout = OpenSsl.DEFAULT_TIMEOUT;
        private final List<String> extra = new ArrayList<>();
        private boolean tls13;

        private Builder(TestPki.PemFiles credential) {
            this.credential = credential;
        }

        public Builder mode(Mode m) {
            this.mode = m;
            return this;
        }

        /** {@code -cipher}: an IANA name (mapped) or an OpenSSL cipher string. */
        public Builder cipher(String suite) {
            this.cipher = OpenSslSuites.openSslName(suite);
            return this;
        }

        /** {@code -CAfile}: CA for verifying client certificates. */
        public Builder caFile(Path ca) {
            this.caFile = ca;
            return this;
        }

        /** {@code -Verify 1 -verify_return_error}: a client certificate is required and must verify. */
        public Builder requireClientCertificate() {
            this.requireClientCertificate = true;
            return this;
        }

        public Builder startTimeout(Duration t) {
            this.startTimeout = t;
            return this;
        }

        /** {@code -tls1_3} instead of {@code -tls1_2}; {@link #cipher} then sets {@code -ciphersuites}. */
        public Builder tls13() {
            this.tls13 = true;
            return this;
        }

        public Builder extraArgs(String... args) {
            extra.addAll(List.of(args));
            return this;
        }

        List<String> args() {
            List<String> a = new ArrayList<>(List.of("s_server", "-accept", "127.0.0.1:0",
                    tls13 ? "-tls1_3" : "-tls1_2",
                    "-cert", credential.chain().toString(), "-key", credential.key().toString()));
            if (mode != Mode.INTERACTIVE) {
                a.add(mode == Mode.WWW ? "-www" : "-rev");
            }
            if (cipher != null) {
                a.addAll(List.of(tls13 ? "-ciphersuites" : "-cipher", cipher));
            }
            if (caFile != null) {
                a.addAll(List.of("-CAfile", caFile.toString()));
            }
            if (requireClientCertificate) {
                a.addAll(List.of("-Verify", "1", "-verify_return_error"));
            }
            a.addAll(extra);
            return a;
        }

        /** Starts s_server and waits (bounded) until it listens. */
        public OpenSslServer start() {
            return new OpenSslServer(args(), startTimeout);
        }
    }

    private final List<String> command;
    private final Path dir;
    private final Path out;
    private final Path err;
    private final Process process;
    private final int port;
    private String finalStdout;
    private String finalStderr;

    private OpenSslServer(List<String> args, Duration startTimeout) {
        command = new ArrayList<>();
        command.add(OpenSsl.binary());
        command.addAll(args);
        dir = OpenSsl.tempDir("openssl-server");
        out = dir.resolve("stdout");
        err = dir.resolve("stderr");
        try {
            // stdin stays an open pipe until close(): s_server may treat EOF on stdin as a request to stop.
            process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        } catch (IOException e) {
            OpenSsl.deleteTree(dir);
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
        try {
            port = awaitListening(startTimeout);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** A server presenting {@code credential} (chain + key PEM files from {@link TestPki#writePem}). */
    public static Builder builder(TestPki.PemFiles credential) {
        return new Builder(credential);
    }

    private int awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = ACCEPT.matcher(OpenSsl.read(out));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("s_server exited with " + process.exitValue() + " before listening\n"
                        + describe());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while starting s_server", e);
            }
        }
        throw new AssertionError("s_server did not listen within " + timeout + "\n" + describe());
    }

    public int port() {
        return port;
    }

    /** In {@link Mode#INTERACTIVE}: one line on s_server's stdin (sent to the client, or a command like "R"). */
    public void command(String line) {
        try {
            process.getOutputStream().write((line + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to s_server's stdin\n" + describe(), e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything s_server printed so far on stdout (after close: everything it printed). */
    public synchronized String stdout() {
        return finalStdout != null ? finalStdout : OpenSsl.read(out);
    }

    public synchronized String stderr() {
        return finalStderr != null ? finalStderr : OpenSsl.read(err);
    }

    /** In {@link Mode#REVERSE_ECHO}: the cipher of the last connection as s_server printed it. */
    public Optional<String> lastCipher() {
        return last(CIPHER, printed());
    }

    /** In {@link Mode#REVERSE_ECHO}: the protocol of the last connection as s_server printed it. */
    public Optional<String> lastProtocol() {
        return last(PROTOCOL, printed());
    }

    /** In {@link Mode#REVERSE_ECHO}: the subject of the last client certificate, e.g. "O = ..., CN = localhost". */
    public Optional<String> lastPeerCertificate() {
        return last(PEER_CERT, printed());
    }

    /**
     * Waits (bounded) until s_server has printed {@code text} on stdout or stderr: it logs a connection's end
     * asynchronously, after the Java side already saw it.
     */
    public boolean awaitPrinted(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!printed().contains(text)) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                return printed().contains(text);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** stdout then stderr: s_server writes connection details to stderr. */
    private String printed() {
        return stdout() + "\n" + stderr();
    }

    public String describe() {
        return String.join(" ", command) + "\n--- s_server stdout ---\n" + stdout() + "\n--- s_server stderr ---\n"
                + stderr();
    }

    @Override
    public synchronized void close() {
        if (finalStdout != null) {
            return;
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the process is ended below either way
        }
        OpenSsl.stop(process);
        finalStdout = OpenSsl.read(out);
        finalStderr = OpenSsl.read(err);
        OpenSsl.deleteTree(dir);
    }

    private static Optional<String> last(Pattern p, String text) {
        Matcher m = p.matcher(text);
        String found = null;
        while (m.find()) {
            found = m.group(1);
        }
        return Optional.ofNullable(found);
    }
}
