package dev.xtls.it.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.it.netty.Curl;
import dev.xtls.jsse.XtlsSSLEngine;
import dev.xtls.jsse.XtlsSession;
import dev.xtls.testing.Credential;
import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Embedded Tomcat 11 with its HTTPS connector on Xtls ({@code SSLHostConfigCertificate.setSslContext} with an Xtls
 * SSLContext), reached by curl and by {@code java.net.http} over HTTP/1.1 and h2; on the server side every engine
 * Tomcat used is an Xtls one holding an Xtls session of the version the servlet reports.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TomcatIT {
    @TempDir
    static Path dir;
    static TestPki pki;
    static Path ca;
    static Credential credential;

    @BeforeAll
    static void createPki() {
        pki = TestPki.create();
        ca = pki.writeCaPem(dir);
        credential = pki.ecdsaP256();
    }

    @ParameterizedTest(name = "curl {0}")
    @ValueSource(strings = {"--http1.1", "--http2"})
    void curlGetsAPageOverTls13(String protocolFlag) throws Exception {
        try (TomcatServer tomcat = xtlsTomcat("curl" + protocolFlag)) {
            Curl.Output o = Curl.request(tomcat.port(), ca, "/curl", protocolFlag, "-v");
            String http = protocolFlag.equals("--http2") ? "HTTP/2.0" : "HTTP/1.1";
            assertEquals(0, o.exitCode(), o.describe());
            assertEquals("GET /curl " + http + (http.equals("HTTP/2.0") ? "2" : "1.1"), o.stdout(), o.describe());
            assertTrue(o.stderr().contains("SSL connection using TLSv1.3"), o.describe());
            assertEquals(new TomcatServer.Seen(http, "TLSv1.3"), tomcat.next());
            assertServerRanOnXtls(tomcat, "TLSv1.3");
        }
    }

    @ParameterizedTest(name = "java.net.http {0}")
    @ValueSource(strings = {"HTTP_1_1", "HTTP_2"})
    void javaHttpClientOnXtlsGetsAPage(HttpClient.Version version) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try (TomcatServer tomcat = xtlsTomcat("jdk" + version)) {
            HttpClient http = HttpClient.newBuilder().sslContext(Peer.XTLS.context(Peer.TLS, pki)).version(version)
                    .executor(executor).connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + tomcat.port() + "/jdk")).timeout(Duration.ofSeconds(20))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            String expected = version == HttpClient.Version.HTTP_2 ? "HTTP/2.0" : "HTTP/1.1";
            assertEquals(200, r.statusCode());
            assertEquals(version, r.version());
            assertEquals("GET /jdk " + expected, r.body());
            assertEquals("TLSv1.3", r.sslSession().orElseThrow().getProtocol());
            assertEquals(new TomcatServer.Seen(expected, "TLSv1.3"), tomcat.next());
            assertServerRanOnXtls(tomcat, "TLSv1.3");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void tls12ClientGetsTls12FromTheSameConnector() throws Exception {
        try (TomcatServer tomcat = xtlsTomcat("tls12")) {
            Curl.Output o = Curl.request(tomcat.port(), ca, "/old", "--http1.1", "--tls-max", "1.2");
            assertEquals(0, o.exitCode(), o.describe());
            assertEquals(new TomcatServer.Seen("HTTP/1.1", "TLSv1.2"), tomcat.next());
            assertServerRanOnXtls(tomcat, "TLSv1.2");
        }
    }

    private static TomcatServer xtlsTomcat(String name) throws Exception {
        SSLContext xtls = Peer.XTLS.context(Peer.TLS, pki, credential);
        return TomcatServer.start(xtls, credential, dir.resolve("tomcat-" + name));
    }

    /** Tomcat took its engines from the Xtls context, and the one that served the request holds an Xtls session. */
    private static void assertServerRanOnXtls(TomcatServer tomcat, String tlsVersion) {
        List<SSLEngine> engines = tomcat.engines();
        assertFalse(engines.isEmpty(), "Tomcat created no engine from the Xtls SSLContext");
        engines.forEach(e -> assertInstanceOf(XtlsSSLEngine.class, e));
        SSLEngine served = engines.get(engines.size() - 1);
        assertInstanceOf(XtlsSession.class, served.getSession());
        assertEquals(tlsVersion, served.getSession().getProtocol());
    }
}
