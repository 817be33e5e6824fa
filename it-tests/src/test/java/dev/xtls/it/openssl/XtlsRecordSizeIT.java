package dev.xtls.it.openssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.it.openssl.RecordRelay.Seen;
import dev.xtls.testing.Credential;
import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * max_fragment_length (RFC 6066 §4) against OpenSSL and record_size_limit (RFC 8449) against GnuTLS, in both
 * roles, TLS 1.2 and 1.3, with every record measured on the wire by a relay between the peers. Only 127.0.0.1;
 * every process, relay and server is bounded and stopped.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class XtlsRecordSizeIT {
    /** Most a GCM or ChaCha20 record adds to its plaintext: explicit nonce and tag (TLS 1.3: type byte, tag). */
    private static final int EXPANSION = 24;
    private static final String LINE = "x".repeat(3000);

    @TempDir
    static Path dir;
    static TestPki pki;
    static Path ca;
    static TestPki.PemFiles rsaPem;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create();
        ca = pki.writeCaPem(dir);
        rsaPem = pki.writePem(dir, pki.rsa2048()); // gnutls-serv 3.7 cannot read TestPki's EC key file
    }

    private static String priority(String protocol) {
        return protocol.equals("TLSv1.3") ? "NORMAL:-VERS-ALL:+VERS-TLS1.3" : "NORMAL:-VERS-ALL:+VERS-TLS1.2";
    }

    private static List<Integer> lengths(List<Seen> records) {
        return records.stream().map(Seen::length).toList();
    }

    private static List<Integer> applicationData(List<Seen> records) {
        return records.stream().filter(r -> r.type() == Seen.APPLICATION_DATA).map(Seen::length).toList();
    }

    /** Every length at most {@code max}, and the longest above {@code atLeast}: the data was split near it. */
    private static void assertSplitAt(List<Integer> lengths, int atLeast, int max, String what) {
        assertTrue(!lengths.isEmpty() && lengths.stream().allMatch(n -> n <= max)
                && lengths.stream().anyMatch(n -> n > atLeast), what + " record fragments " + lengths);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void openSslClientMaxFragLenGetsSmallRecordsFromAnXtlsServer(String protocol) {
        SSLContext ctx = Peer.XTLS.context(Peer.TLS, pki, pki.rsa2048());
        try (TlsEchoServer server = TlsEchoServer.start(ctx, protocol);
                RecordRelay relay = RecordRelay.to(server.port())) {
            OpenSslClient.Builder client = OpenSslClient.connect(relay.port())
                    .extraArgs("-maxfraglen", "512").stdin((LINE + "\n").getBytes(StandardCharsets.US_ASCII));
            OpenSslClient.Result r = (protocol.equals("TLSv1.3") ? client.tls13() : client).run();
            assertTrue(r.stdout().contains("echo: " + LINE), r.describe());
            assertEquals(List.of(), server.failures());
            // RFC 6066 §4: every record from the ServerHello on, the handshake's included
            assertSplitAt(lengths(relay.serverRecords()), 400, 512 + EXPANSION, "Xtls server");
            assertSplitAt(lengths(relay.clientRecords().subList(1, relay.clientRecords().size())), 400,
                    512 + EXPANSION, "s_client");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void xtlsClientMaxFragLenGetsSmallRecordsFromOpenSslServer(String protocol) throws Exception {
        OpenSslServer.Builder b = OpenSslServer.builder(rsaPem).mode(OpenSslServer.Mode.REVERSE_ECHO);
        try (OpenSslServer server = (protocol.equals("TLSv1.3") ? b.tls13() : b).start();
                RecordRelay relay = RecordRelay.to(server.port())) {
            // jsse.enableMFLNExtension=true and a 1024-byte packet size: the client asks for 2^9, as SunJSSE does
            SSLContext ctx = xtlsContextWith("jsse.enableMFLNExtension", "true");
            String answer = talk(ctx, relay.port(), 1024, protocol);
            assertEquals(new StringBuilder(LINE).reverse().toString(), answer, server.describe());
            assertSplitAt(lengths(relay.serverRecords()), 400, 512 + EXPANSION, "s_server");
            assertSplitAt(lengths(relay.clientRecords().subList(1, relay.clientRecords().size())), 400,
                    512 + EXPANSION, "Xtls client");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void gnuTlsCliAndAnXtlsServerKeepToEachOthersRecordSizeLimit(String protocol) throws Exception {
        // the server announces 600 (dev.xtls.recordSizeLimit), gnutls-cli 512 (--recordsize; it then also sends
        // no more than 512 bytes at once, so its line is short and the server's answer long)
        SSLContext ctx = xtlsContextWith("dev.xtls.recordSizeLimit", "600", pki.rsa2048());
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (SSLServerSocket server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            server.setSoTimeout((int) OpenSsl.DEFAULT_TIMEOUT.toMillis());
            SSLParameters p = server.getSSLParameters();
            p.setProtocols(new String[] {protocol});
            server.setSSLParameters(p);
            Future<String> served = thread.submit(() -> answerOneLine(server));
            try (RecordRelay relay = RecordRelay.to(server.getLocalPort())) {
                GnuTlsCli.Result r = GnuTlsCli.talk(relay.port(), ca, "hello\n".getBytes(StandardCharsets.US_ASCII),
                        "echo: " + LINE, "--recordsize=512", "--priority", priority(protocol));
                assertTrue(r.stdout().contains("echo: " + LINE), r.describe());
                assertEquals("hello", served.get(OpenSsl.DEFAULT_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
                assertSplitAt(applicationData(relay.serverRecords()), 400, 512 + EXPANSION, "Xtls server");
                assertSplitAt(applicationData(relay.clientRecords()), 0, 600 + EXPANSION, "gnutls-cli");
            }
        } finally {
            thread.shutdownNow();
        }
    }

    /** Accepts one connection, reads a line, answers "echo: " and {@link #LINE}; the line read. */
    private static String answerOneLine(SSLServerSocket server) throws Exception {
        try (SSLSocket s = (SSLSocket) server.accept()) {
            s.setSoTimeout((int) OpenSsl.DEFAULT_TIMEOUT.toMillis());
            String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            s.getOutputStream().write(("echo: " + LINE + "\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return line;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void xtlsClientAndGnuTlsServKeepToEachOthersRecordSizeLimit(String protocol) throws Exception {
        int port = GnuTlsCli.freeLoopbackPort();
        Path out = dir.resolve("gnutls-serv-" + System.nanoTime() + ".out");
        // gnutls-serv has no bind-address option: it listens on every interface; the relay connects to 127.0.0.1
        Process serv = new ProcessBuilder(GnuTlsCli.serverBinary(), "--port", Integer.toString(port), "--echo",
                "--recordsize=512", "--priority", priority(protocol), "--x509certfile", rsaPem.chain().toString(),
                "--x509keyfile", rsaPem.key().toString()).redirectErrorStream(true).redirectOutput(out.toFile())
                .start();
        try (RecordRelay relay = RecordRelay.to(port)) {
            String started = GnuTlsCli.awaitOutput(serv, out, "port " + port + "...done");
            assertTrue(serv.isAlive() && started.contains("...done"), "gnutls-serv did not start:\n" + started);
            // a 1024-byte packet size: the client announces 1024 - 325 = 699
            String echoed = talk(Peer.XTLS.context(Peer.TLS, pki), relay.port(), 1024, protocol);
            assertEquals(LINE, echoed, OpenSsl.read(out));
            assertSplitAt(applicationData(relay.clientRecords()), 400, 512 + EXPANSION, "Xtls client");
            assertSplitAt(applicationData(relay.serverRecords()), 400, 699 + EXPANSION, "gnutls-serv");
        } finally {
            OpenSsl.stop(serv);
        }
    }

    /** Connects an Xtls client socket, sends {@link #LINE}, returns the line answered; checks the buffer size. */
    private static String talk(SSLContext ctx, int port, int packetSize, String protocol) throws Exception {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                (int) OpenSsl.DEFAULT_TIMEOUT.toMillis());
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, "localhost", port, true)) {
            SSLParameters p = s.getSSLParameters();
            p.setProtocols(new String[] {protocol});
            p.setMaximumPacketSize(packetSize);
            s.setSSLParameters(p);
            s.setSoTimeout((int) OpenSsl.DEFAULT_TIMEOUT.toMillis());
            OutputStream o = s.getOutputStream();
            o.write((LINE + "\n").getBytes(StandardCharsets.US_ASCII));
            o.flush();
            String answer = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertEquals(protocol, s.getSession().getProtocol());
            assertTrue(s.getSession().getApplicationBufferSize() < 1024, "application buffer size "
                    + s.getSession().getApplicationBufferSize());
            return answer;
        }
    }

    /** An Xtls context made while system property {@code key} is {@code value} (read when a context is made). */
    private static SSLContext xtlsContextWith(String key, String value, Credential... credentials) {
        synchronized (Peer.class) {
            String before = System.getProperty(key);
            System.setProperty(key, value);
            try {
                return Peer.XTLS.context(Peer.TLS, pki, credentials);
            } finally {
                if (before == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, before);
                }
            }
        }
    }
}
