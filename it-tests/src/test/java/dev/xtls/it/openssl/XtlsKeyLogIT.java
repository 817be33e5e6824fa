package dev.xtls.it.openssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.api.Xtls;
import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import dev.xtls.testing.Tools;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Xtls key log (Xtls.setKeyLog, NSS key log format) holds the same lines OpenSSL's {@code -keylogfile} writes
 * for the same connection, TLS 1.2 and 1.3, Xtls as client and as server; and Wireshark's tshark, given the Xtls
 * key log, decrypts a loopback capture of the exchange and shows the HTTP request. The capture part is skipped only
 * when tshark is not installed ({@code .ci/run} installs it).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class XtlsKeyLogIT {
    private static final int TIMEOUT_MS = (int) OpenSsl.DEFAULT_TIMEOUT.toMillis();
    private static final String URI = "/decrypted-by-tshark";

    @TempDir
    static Path dir;
    static TestPki pki;
    static Path ca;
    static TestPki.PemFiles ecdsaPem;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create();
        ca = pki.writeCaPem(dir);
        ecdsaPem = pki.writePem(dir, pki.ecdsaP256());
    }

    /** The key lines of an NSS key log file, without comments, as a set (the order of labels differs). */
    private static Set<String> keyLines(Path file) throws IOException {
        Set<String> lines = new TreeSet<>();
        for (String l : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            if (!l.isBlank() && !l.startsWith("#")) {
                lines.add(l.strip());
            }
        }
        return lines;
    }

    private static Set<String> labels(Set<String> lines) {
        Set<String> labels = new TreeSet<>();
        lines.forEach(l -> labels.add(l.substring(0, l.indexOf(' '))));
        return labels;
    }

    @ParameterizedTest(name = "Xtls client -> s_server -keylogfile, {0}")
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void xtlsClientKeyLogEqualsOpenSslServersAndDecryptsACapture(String version) throws Exception {
        boolean tls13 = version.equals("TLSv1.3");
        Path xtlsKeys = dir.resolve("xtls-client-" + version + ".keys");
        Path opensslKeys = dir.resolve("openssl-server-" + version + ".keys");
        SSLContext client = Peer.XTLS.context(Peer.TLS, pki);
        Xtls.setKeyLog(client, xtlsKeys);
        OpenSslServer.Builder b = OpenSslServer.builder(ecdsaPem).extraArgs("-keylogfile", opensslKeys.toString());
        try (OpenSslServer s = (tls13 ? b.tls13() : b).start();
                Capture capture = Capture.start(dir.resolve("xtls-client-" + version + ".pcapng"), s.port())) {
            try (SSLSocket socket = connect(client, s.port(), version)) {
                String page = get(socket);
                assertTrue(page.contains("Protocol  : " + version), page);
            }
            Set<String> ours = keyLines(xtlsKeys);
            assertEquals(tls13 ? Set.of("CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
                    "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0", "EXPORTER_SECRET") : Set.of("CLIENT_RANDOM"),
                    labels(ours));
            assertEquals(keyLines(opensslKeys), ours, "the same lines as openssl s_server -keylogfile");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(xtlsKeys)));
            if (capture == null) {
                Tools.require("tshark", "tshark"); // skips here, or fails under -Dxtls.requireTools=true
            }
            assertEquals(List.of(URI), capture.decryptedRequestUris(xtlsKeys), "tshark decrypts with the Xtls key log");
        }
    }

    @ParameterizedTest(name = "s_client -keylogfile -> Xtls server, {0}")
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void xtlsServerKeyLogEqualsOpenSslClients(String version) throws Exception {
        boolean tls13 = version.equals("TLSv1.3");
        Path xtlsKeys = dir.resolve("xtls-server-" + version + ".keys");
        Path opensslKeys = dir.resolve("openssl-client-" + version + ".keys");
        SSLContext server = Peer.XTLS.context(Peer.TLS, pki, pki.ecdsaP256());
        Xtls.setKeyLog(server, xtlsKeys);
        try (JavaTlsServer s = JavaTlsServer.start(server, p -> p.setProtocols(new String[] {version}))) {
            OpenSslClient.Builder c = OpenSslClient.connect(s.port()).caFile(ca)
                    .stdin(("GET " + URI + " HTTP/1.0\n").getBytes(StandardCharsets.US_ASCII))
                    .extraArgs("-keylogfile", opensslKeys.toString());
            OpenSslClient.Result r = (tls13 ? c.tls13() : c).run();
            assertEquals("GET " + URI + " HTTP/1.0", s.awaitServed().line(), r.describe());
        }
        Set<String> ours = keyLines(xtlsKeys);
        assertEquals(tls13 ? 5 : 1, ours.size(), ours.toString());
        assertEquals(keyLines(opensslKeys), ours, "the same lines as openssl s_client -keylogfile");
    }

    private static SSLSocket connect(SSLContext ctx, int port, String version) throws IOException {
        Socket raw = new Socket();
        try {
            raw.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), TIMEOUT_MS);
            raw.setSoTimeout(TIMEOUT_MS);
            SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, "localhost", port, true);
            SSLParameters p = s.getSSLParameters();
            p.setProtocols(new String[] {version});
            s.setSSLParameters(p);
            s.startHandshake();
            return s;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static String get(SSLSocket s) throws IOException {
        s.getOutputStream().write(("GET " + URI + " HTTP/1.0\r\nHost: localhost\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }

    /** {@code tshark -i lo} on one port, stopped (and waited for, bounded) on close; null without tshark. */
    private static final class Capture implements AutoCloseable {
        private static final Duration WAIT = Duration.ofSeconds(20);
        private final Process process;
        private final Path file;
        private final Path log;

        private Capture(Process process, Path file, Path log) {
            this.process = process;
            this.file = file;
            this.log = log;
        }

        /**
         * Starts capturing and returns once packets are written: tshark says "Capturing on" before the capture is
         * live, so connections to a probe port (in the filter too) go on until the file grows past its header.
         */
        static Capture start(Path file, int port) throws IOException, InterruptedException {
            if (!Tools.present("tshark")) {
                return null;
            }
            Path log = Path.of(file + ".log");
            try (ServerSocket probe = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
                Process p = new ProcessBuilder("tshark", "-i", "lo", "-f",
                        "tcp port " + port + " or tcp port " + probe.getLocalPort(), "-w", file.toString())
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                Capture c = new Capture(p, file, log);
                long deadline = System.nanoTime() + WAIT.toNanos();
                long header = -1;
                while (header < 0 || Files.size(file) <= header) {
                    if (!p.isAlive() || System.nanoTime() > deadline) {
                        c.close();
                        throw new AssertionError("tshark did not start capturing: " + Files.readString(log));
                    }
                    if (header < 0 && Files.readString(log).contains("Capturing on") && Files.exists(file)) {
                        header = Files.size(file);
                    }
                    if (header >= 0) {
                        try (Socket s = new Socket(probe.getInetAddress(), probe.getLocalPort());
                                Socket accepted = probe.accept()) {
                            s.getOutputStream().write(1);
                        }
                    }
                    Thread.sleep(100);
                }
                return c;
            }
        }

        List<String> decryptedRequestUris(Path keyLog) throws IOException, InterruptedException {
            close();
            Process p = new ProcessBuilder("tshark", "-r", file.toString(), "-o", "tls.keylog_file:" + keyLog,
                    "-Y", "http.request", "-T", "fields", "-e", "http.request.uri")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS), "tshark -r did not finish");
            return out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        }

        @Override
        public void close() throws IOException, InterruptedException {
            if (process.isAlive()) {
                Thread.sleep(1000); // the last packets reach the capture before it stops
                process.destroy();
                if (!process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        }
    }
}
