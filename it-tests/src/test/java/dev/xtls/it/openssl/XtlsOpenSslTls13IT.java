package dev.xtls.it.openssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.jsse.XtlsSession;
import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import dev.xtls.wire.NamedGroup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS 1.3 (RFC 8446) against OpenSSL 3.0 for every 1.3 suite, both directions: the Xtls SSLSocket client against
 * {@code openssl s_server -tls1_3}, {@code openssl s_client -tls1_3} against an Xtls SSLServerSocket; then a
 * HelloRetryRequest each way, when the side choosing the group wants one the other sent no key share for.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class XtlsOpenSslTls13IT {
    private static final String TLS13 = "TLSv1.3";
    private static final int TIMEOUT_MS = (int) OpenSsl.DEFAULT_TIMEOUT.toMillis();

    @TempDir
    static Path dir;
    static Path ca;
    static TestPki.PemFiles ecdsaPem;
    static SSLContext client;
    static SSLContext server;

    @BeforeAll
    static void setUp() {
        TestPki pki = TestPki.create();
        ca = pki.writeCaPem(dir);
        ecdsaPem = pki.writePem(dir, pki.ecdsaP256());
        client = Peer.XTLS.context(pki);
        server = Peer.XTLS.context(pki, pki.ecdsaP256());
    }

    @ParameterizedTest(name = "Xtls client -> s_server -tls1_3, {0}")
    @ValueSource(strings = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    void xtlsClientNegotiatesEverySuiteWithOpenSslServer(String suite) throws Exception {
        try (OpenSslServer s = OpenSslServer.builder(ecdsaPem).tls13().cipher(suite).start();
                SSLSocket socket = connect(s.port(), suite, null)) {
            assertEquals(TLS13, socket.getSession().getProtocol());
            assertEquals(suite, socket.getSession().getCipherSuite());
            assertEquals(NamedGroup.X25519, ((XtlsSession) socket.getSession()).details().group());
            String page = get(socket);
            assertTrue(page.contains("New, TLSv1.3, Cipher is " + suite + "\n"), page);
        }
    }

    @ParameterizedTest(name = "s_client -tls1_3 -> Xtls server, {0}")
    @ValueSource(strings = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    void openSslClientNegotiatesEverySuiteWithXtlsServer(String suite) throws Exception {
        try (JavaTlsServer s = JavaTlsServer.start(server, p -> {
            p.setProtocols(new String[] {TLS13});
            p.setCipherSuites(new String[] {suite});
        })) {
            OpenSslClient.Result r = OpenSslClient.connect(s.port()).tls13().cipher(suite).caFile(ca)
                    .stdin("hello xtls\n".getBytes(StandardCharsets.US_ASCII)).run();
            JavaTlsServer.Served served = s.awaitServed();
            assertEquals(0, r.exitCode(), r.describe());
            assertEquals(suite, r.cipher().orElseThrow(() -> new AssertionError(r.describe())));
            // s_client prints "New, TLSv1.3" for the handshake, before the NewSessionTicket that follows it
            assertTrue(r.stdout().contains("New, TLSv1.3, Cipher is " + suite + "\n"), r.describe());
            assertEquals(0, r.verifyReturnCode().orElseThrow(), r.describe());
            assertTrue(r.stdout().contains("echo: hello xtls"), r.describe());
            assertEquals(TLS13, served.protocol());
            assertEquals(suite, served.cipherSuite());
        }
    }

    @Test
    void xtlsClientRetriesWithTheGroupOpenSslServerAsksForInAHelloRetryRequest() throws Exception {
        try (OpenSslServer s = OpenSslServer.builder(ecdsaPem).tls13().extraArgs("-groups", "P-256").start();
                SSLSocket socket = connect(s.port(), "TLS_AES_128_GCM_SHA256", null)) {
            assertEquals(NamedGroup.SECP256R1, ((XtlsSession) socket.getSession()).details().group());
            String page = get(socket);
            assertTrue(page.contains("New, TLSv1.3, Cipher is TLS_AES_128_GCM_SHA256\n"), page);
        }
    }

    @Test
    void xtlsServerAsksOpenSslClientForAnotherKeyShareWithAHelloRetryRequest() throws Exception {
        try (JavaTlsServer s = JavaTlsServer.start(server, p -> {
            p.setProtocols(new String[] {TLS13});
            p.setAlgorithmConstraints(new OnlyGroup(NamedGroup.SECP384R1));
        })) {
            // s_client sends a key share for x25519 only; secp384r1 is in its supported_groups
            OpenSslClient.Result r = OpenSslClient.connect(s.port()).tls13().caFile(ca)
                    .extraArgs("-groups", "X25519:P-384", "-msg")
                    .stdin("hello xtls\n".getBytes(StandardCharsets.US_ASCII)).run();
            JavaTlsServer.Served served = s.awaitServed();
            assertEquals(0, r.exitCode(), r.describe());
            assertTrue(r.stdout().contains("echo: hello xtls"), r.describe());
            assertEquals(NamedGroup.SECP384R1, ((XtlsSession) served.session()).details().group());
            assertEquals(2, r.stdout().split("ClientHello", -1).length - 1, "two ClientHellos\n" + r.describe());
        }
    }

    private static SSLSocket connect(int port, String suite, AlgorithmConstraints constraints) throws IOException {
        Socket raw = new Socket();
        try {
            raw.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), TIMEOUT_MS);
            raw.setSoTimeout(TIMEOUT_MS);
            SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(raw, "localhost", port, true);
            SSLParameters p = s.getSSLParameters();
            p.setProtocols(new String[] {TLS13});
            p.setCipherSuites(new String[] {suite});
            p.setEndpointIdentificationAlgorithm("HTTPS");
            p.setServerNames(List.of(new SNIHostName("localhost")));
            if (constraints != null) {
                p.setAlgorithmConstraints(constraints);
            }
            s.setSSLParameters(p);
            s.startHandshake();
            return s;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static String get(SSLSocket s) throws IOException {
        s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    /** Leaves one named group enabled; other algorithms pass. */
    private record OnlyGroup(NamedGroup group) implements AlgorithmConstraints {
        @Override
        public boolean permits(Set<CryptoPrimitive> p, String algorithm, AlgorithmParameters params) {
            return NamedGroup.byName(algorithm).map(group::equals).orElse(true);
        }

        @Override
        public boolean permits(Set<CryptoPrimitive> p, Key key) {
            return true;
        }

        @Override
        public boolean permits(Set<CryptoPrimitive> p, String algorithm, Key key, AlgorithmParameters params) {
            return true;
        }
    }
}
