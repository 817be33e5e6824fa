package dev.xtls.it.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link HttpsURLConnection} against the JDK's {@code HttpsServer}, Xtls on the client, the server, or both, the
 * other side SunJSSE. The client uses the default host name verifier: the server's certificate is for localhost.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpsUrlConnectionIT {
    static TestPki pki;

    @BeforeAll
    static void createPki() {
        pki = TestPki.create();
    }

    @ParameterizedTest(name = "{0} client -> {1} HttpsServer, {2}")
    @MethodSource("dev.xtls.it.apps.TlsVersion#sides")
    void getReturnsThePageOverTheExpectedProviders(Peer client, Peer server, TlsVersion version) throws Exception {
        try (JdkHttpsServer https = JdkHttpsServer.start(version.context(server, pki, pki.ecdsaP256()))) {
            HttpsURLConnection c = open(client, version, https.port(), "/page");
            try {
                assertEquals(200, c.getResponseCode());
                // read the session before the body: closing the body stream releases the connection
                Sessions.assertFrom(client, c.getSSLSession().orElseThrow(), version);
                String suite = c.getCipherSuite();
                assertEquals("GET /page ", read(c));
                assertServerSide(server, client, https.nextSession(), suite, version);
            } finally {
                c.disconnect();
            }
        }
    }

    @ParameterizedTest(name = "{0} client -> {1} HttpsServer, {2}")
    @MethodSource("dev.xtls.it.apps.TlsVersion#sides")
    void postSendsItsBodyOverTheExpectedProviders(Peer client, Peer server, TlsVersion version) throws Exception {
        try (JdkHttpsServer https = JdkHttpsServer.start(version.context(server, pki, pki.rsa2048()))) {
            HttpsURLConnection c = open(client, version, https.port(), "/form");
            try {
                c.setRequestMethod("POST");
                c.setDoOutput(true);
                byte[] body = "name=Xtls&lang=java".repeat(500).getBytes(StandardCharsets.UTF_8);
                c.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body);
                }
                assertEquals(200, c.getResponseCode());
                Sessions.assertFrom(client, c.getSSLSession().orElseThrow(), version);
                String suite = c.getCipherSuite();
                // TLS 1.3 suites name no key exchange or signature (RFC 8446 §B.4)
                assertTrue(suite.startsWith(version == TlsVersion.TLS12 ? "TLS_ECDHE_RSA_" : "TLS_AES_"), suite);
                assertEquals("POST /form " + new String(body, StandardCharsets.UTF_8), read(c));
                assertServerSide(server, client, https.nextSession(), suite, version);
            } finally {
                c.disconnect();
            }
        }
    }

    static HttpsURLConnection open(Peer client, TlsVersion version, int port, String path) throws Exception {
        HttpsURLConnection c = (HttpsURLConnection) new URL("https://localhost:" + port + path).openConnection();
        c.setSSLSocketFactory(version.context(client, pki).getSocketFactory());
        c.setConnectTimeout(10_000);
        c.setReadTimeout(10_000);
        c.setUseCaches(false);
        return c;
    }

    static String read(HttpsURLConnection c) throws Exception {
        try (InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The server's session is its provider's, agrees on the suite, and saw the SNI an Xtls client sends. */
    static void assertServerSide(Peer server, Peer client, SSLSession session, String clientSuite,
            TlsVersion version) {
        Sessions.assertFrom(server, session, version);
        assertEquals(clientSuite, session.getCipherSuite());
        if (client == Peer.XTLS) {
            // Xtls sends dotless host names such as localhost as SNI; SunJSSE does not (IMPLEMENTATION_NOTES.md)
            assertEquals(List.of(new SNIHostName("localhost")),
                    ((ExtendedSSLSession) session).getRequestedServerNames());
        }
    }
}
