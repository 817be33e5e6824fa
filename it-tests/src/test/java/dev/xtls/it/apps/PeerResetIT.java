package dev.xtls.it.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JDK's {@code HttpsServer} (an SSLEngine over NIO channels) on Xtls or SunJSSE: clients that reset the TCP
 * connection (RST: SO_LINGER 0) in the middle of the handshake or of a record cost that connection only; the
 * next client is served.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PeerResetIT {
    /** An application_data record header (RFC 5246 §6.2.1) announcing 100 bytes, and 10 of them. */
    private static final byte[] PARTIAL_RECORD = Arrays.copyOf(new byte[] {23, 3, 3, 0, 100}, 15);
    private static TestPki pki;

    @BeforeAll
    static void createPki() {
        pki = TestPki.create();
    }

    @ParameterizedTest(name = "{0} HttpsServer, {1}")
    @CsvSource({"SUN, DEFAULT", "XTLS, DEFAULT", "SUN, TLS12", "XTLS, TLS12"})
    void aResetInTheMiddleOfTheHandshakeCostsThatConnectionOnly(Peer server, TlsVersion version) throws Exception {
        try (JdkHttpsServer https = JdkHttpsServer.start(version.context(server, pki, pki.ecdsaP256()))) {
            byte[] hello = clientHello(version);
            for (int i = 0; i < 3; i++) {
                try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), https.port())) {
                    raw.getOutputStream().write(hello, 0, hello.length / 2);
                    raw.getOutputStream().flush();
                    reset(raw);
                }
            }
            assertServed(version, https);
        }
    }

    @ParameterizedTest(name = "{0} HttpsServer, {1}")
    @CsvSource({"SUN, DEFAULT", "XTLS, DEFAULT", "SUN, TLS12", "XTLS, TLS12"})
    void aResetInTheMiddleOfARecordCostsThatConnectionOnly(Peer server, TlsVersion version) throws Exception {
        try (JdkHttpsServer https = JdkHttpsServer.start(version.context(server, pki, pki.ecdsaP256()))) {
            for (int i = 0; i < 3; i++) {
                try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), https.port())) {
                    raw.setSoTimeout(10_000);
                    SSLSocket tls = (SSLSocket) version.context(Peer.SUN, pki).getSocketFactory()
                            .createSocket(raw, "localhost", https.port(), false);
                    tls.startHandshake();
                    OutputStream out = raw.getOutputStream();
                    out.write(PARTIAL_RECORD); // half a request record, then the connection is gone
                    out.flush();
                    reset(raw);
                }
            }
            assertServed(version, https);
        }
    }

    private static void assertServed(TlsVersion version, JdkHttpsServer https) throws Exception {
        HttpsURLConnection c = (HttpsURLConnection) new URL("https://localhost:" + https.port() + "/next")
                .openConnection();
        c.setSSLSocketFactory(version.context(Peer.SUN, pki).getSocketFactory());
        c.setConnectTimeout(10_000);
        c.setReadTimeout(10_000);
        try {
            assertEquals(200, c.getResponseCode());
            assertEquals("GET /next ", HttpsUrlConnectionIT.read(c));
        } finally {
            c.disconnect();
        }
    }

    private static void reset(Socket raw) throws IOException {
        raw.setSoLinger(true, 0);
        raw.close();
    }

    /** A SunJSSE client's ClientHello record for {@code version}. */
    private static byte[] clientHello(TlsVersion version) throws IOException {
        SSLEngine c = version.context(Peer.SUN, pki).createSSLEngine("localhost", 443);
        c.setUseClientMode(true);
        ByteBuffer net = ByteBuffer.allocate(1 << 15);
        c.wrap(ByteBuffer.allocate(0), net);
        return Arrays.copyOf(net.array(), net.position());
    }
}
