package dev.xtls.it.openssl;

import dev.xtls.testing.TestPki;
import dev.xtls.testing.TlsAlerts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code openssl s_client} once against 127.0.0.1: connects, sends the given stdin, keeps reading until the
 * server closes ({@code -ign_eof}), and returns what it printed. Bounded by a timeout; the process is always
 * ended.
 */
public final class OpenSslClient {

    private static final Pattern CIPHER = Pattern.compile("Cipher is (\\S+)");
    private static final Pattern PROTOCOL = Pattern.compile("(?m)^\\s*Protocol\\s*:\\s*(\\S+)");
    private static final Pattern ALERT_NUMBER = Pattern.compile("SSL alert number (\\d+)");
    private static final Pattern ALERT_TEXT = Pattern.compile("alert ([a-z][a-z ]*[a-z])");
    private static final Pattern VERIFY = Pattern.compile("Verify return code: (\\d+)");
    private static final Pattern VERIFY_ERROR = Pattern.compile("verify error:num=\\d+:(.+)");

    /** What s_client printed, with the facts tests look for. */
    public record Result(int exitCode, String stdout, String stderr) {

        /** The suite OpenSSL reports ("Cipher is ..."), in OpenSSL naming; "(NONE)" maps to empty. */
        public Optional<String> cipher() {
            return find(CIPHER, stdout).filter(c -> !c.equals("(NONE)"));
        }

        /** The protocol of the SSL-Session block ("Protocol  : TLSv1.2"). */
        public Optional<String> protocol() {
            return find(PROTOCOL, stdout);
        }

        /**
         * The alert OpenSSL reports (received or sent), as an RFC name when it prints "SSL alert number N"
         * (e.g. "handshake_failure"), otherwise its own text (e.g. "handshake failure").
         */
        public Optional<String> alert() {
            String all = stderr + "\n" + stdout;
            Optional<String> n = find(ALERT_NUMBER, all).map(s -> TlsAlerts.name(Integer.parseInt(s)));
            return n.isPresent() ? n : find(ALERT_TEXT, all);
        }

        /**
         * The certificate verification error s_client printed ("verify error:num=20:unable to get local issuer
         * certificate" gives the text after the number). With -verify_return_error the handshake then stops,
         * and "Verify return code" may still say 0: use this instead.
         */
        public Optional<String> verifyError() {
            return find(VERIFY_ERROR, stderr);
        }

        /** "Verify return code: N" (0 is ok); only meaningful after a completed handshake. */
        public Optional<Integer> verifyReturnCode() {
            return find(VERIFY, stdout).map(Integer::parseInt);
        }

        /** True if s_client resumed a session (it prints "Reused, TLSv1.2, Cipher is ..." instead of "New, "). */
        public boolean reused() {
            return stdout.contains("\nReused, ");
        }

        /** True if a handshake completed (OpenSSL printed a negotiated cipher). */
        public boolean handshakeCompleted() {
            return cipher().isPresent();
        }

        public String describe() {
            return "s_client exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    public static final class Builder {
        private final int port;
        private String cipher;
        private String serverName = "localhost";
        private Path caFile;
        private TestPki.PemFiles credential;
        private byte[] stdin = new byte[0];
        private Duration timeout = OpenSsl.DEFAULT_TIMEOUT;
        private final List<String> extra = new ArrayList<>();
        private boolean tls13;

        private Builder(int port) {
            this.port = port;
        }

        /** {@code -cipher}: an IANA name (mapped) or an OpenSSL cipher string. */
        public Builder cipher(String suite) {
            this.cipher = OpenSslSuites.openSslName(suite);
            return this;
        }

        /** {@code -servername} (SNI) and, with {@link #caFile}, the name verified; null sends no SNI. */
        public Builder serverName(String name) {
            this.serverName = name;
            return this;
        }

        /** Verify the server against this CA: {@code -CAfile -verify_return_error -verify_hostname}. */
        public Builder caFile(Path ca) {
            this.caFile = ca;
            return this;
        }

        /** Client certificate: {@code -cert -key}. */
        public Builder certificate(TestPki.PemFiles files) {
            this.credential = files;
            return this;
        }

        public Builder stdin(byte[] data) {
            this.stdin = data.clone();
            return this;
        }

        public Builder timeout(Duration t) {
            this.timeout = t;
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
            return args(true);
        }

        private List<String> args(boolean ignoreEof) {
            List<String> a = new ArrayList<>(List.of("s_client", "-connect", "127.0.0.1:" + port,
                    tls13 ? "-tls1_3" : "-tls1_2"));
            if (ignoreEof) {
                a.add("-ign_eof");
            }
            if (cipher != null) {
                a.addAll(List.of(tls13 ? "-ciphersuites" : "-cipher", cipher));
            }
            if (serverName != null) {
                a.addAll(List.of("-servername", serverName));
            } else {
                a.add("-noservername");
            }
            if (caFile != null) {
                a.addAll(List.of("-CAfile", caFile.toString(), "-verify_return_error"));
                if (serverName != null) {
                    a.addAll(List.of("-verify_hostname", serverName));
                }
            }
            if (credential != null) {
                a.addAll(List.of("-cert", credential.chain().toString(), "-key", credential.key().toString()));
            }
            a.addAll(extra);
            return a;
        }

        /**
         * For servers that keep the connection open (HTTP/2, keep-alive): sends stdin but keeps it open until
         * s_client has printed {@code text} on stdout (or the timeout passed), then closes it, so s_client sends
         * close_notify and exits. Returns what it printed either way; the caller asserts on it.
         */
        public Result runUntil(String text) {
            List<String> cmd = new ArrayList<>();
            cmd.add(OpenSsl.binary());
            cmd.addAll(args(false));
            Path dir = OpenSsl.tempDir("openssl-client");
            Path out = dir.resolve("stdout");
            Path err = dir.resolve("stderr");
            Process p = null;
            try {
                p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                p.getOutputStream().write(stdin);
                p.getOutputStream().flush();
                long deadline = System.nanoTime() + timeout.toNanos();
                while (p.isAlive() && !OpenSsl.read(out).contains(text) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                p.getOutputStream().close();
                if (!p.waitFor(Math.max(2_000, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS)) {
                    OpenSsl.stop(p);
                }
                return new Result(p.isAlive() ? -1 : p.exitValue(), OpenSsl.read(out), OpenSsl.read(err));
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

        /** Runs s_client to completion (or fails after the timeout, with its output). */
        public Result run() {
            OpenSsl.Output o = OpenSsl.run(args(), stdin, timeout);
            return new Result(o.exitCode(), o.stdout(), o.stderr());
        }
    }

    private OpenSslClient() {
    }

    /** A client for {@code 127.0.0.1:port}, TLS 1.2 only. */
    public static Builder connect(int port) {
        return new Builder(port);
    }

    private static Optional<String> find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
