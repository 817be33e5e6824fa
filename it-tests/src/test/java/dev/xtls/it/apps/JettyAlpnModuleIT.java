package dev.xtls.it.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.it.netty.Curl;
import dev.xtls.jetty.XtlsServerAlpnProcessor;
import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.ssl.ALPNProcessor;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code xtls-jetty-alpn} module: on the class path next to the provider, it lets a Jetty 12 server on
 * Xtls serve HTTP/2 over TLS 1.3 (ALPN "h2", RFC 7301 §3.2) to curl, to {@code java.net.http} and to Jetty's own
 * HttpClient on Xtls. The test class path carries no ALPN processor of its own: Jetty finds the module's server and
 * client ones through its META-INF/services.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JettyAlpnModuleIT {
    @TempDir
    static Path dir;
    static TestPki pki;
    static Path ca;

    @BeforeAll
    static void createPki() {
        pki = TestPki.create();
        ca = pki.writeCaPem(dir);
    }

    @Test
    void jettyLoadsTheProcessorFromTheModuleJar() throws Exception {
        ALPNProcessor.Server found = ServiceLoader.load(ALPNProcessor.Server.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p instanceof XtlsServerAlpnProcessor).findFirst()
                .orElseThrow(() -> new AssertionError("ServiceLoader finds no XtlsServerAlpnProcessor"));
        String location = found.getClass().getProtectionDomain().getCodeSource().getLocation().toURI().getPath();
        assertTrue(location.contains("/jetty-alpn/"), "loaded from " + location + ", not the jetty-alpn module");
    }

    @Test
    void curlGetsHttp2OverTls13() throws Exception {
        try (JettyServer jetty = xtlsJetty()) {
            Curl.Output o = Curl.request(jetty.port(), ca, "/curl", "--http2", "-v", "--tlsv1.3");
            assertEquals(0, o.exitCode(), o.describe());
            assertEquals("GET /curl HTTP/2.0 2", o.stdout(), o.describe());
            assertTrue(o.stderr().contains("SSL connection using TLSv1.3"), o.describe());
            assertTrue(o.stderr().contains("ALPN: server accepted h2"), o.describe());
            assertServerSawH2OverTls13(jetty.next());
        }
    }

    @Test
    void javaHttpClientOnXtlsGetsHttp2OverTls13() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try (JettyServer jetty = xtlsJetty()) {
            SSLContext clientContext = Peer.XTLS.context(Peer.TLS, pki);
            HttpClient http = HttpClient.newBuilder().sslContext(clientContext).version(HttpClient.Version.HTTP_2)
                    .executor(executor).connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + jetty.port() + "/jdk")).timeout(Duration.ofSeconds(20))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals(HttpClient.Version.HTTP_2, r.version());
            assertEquals("GET /jdk HTTP/2.0 ", r.body());
            assertEquals("TLSv1.3", r.sslSession().orElseThrow().getProtocol());
            JettyServer.Seen seen = jetty.next();
            assertServerSawH2OverTls13(seen);
            Sessions.assertClientContextHolds(clientContext, seen.session());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void jettyHttpClientOnXtlsGetsHttp2OverTls13() throws Exception {
        SslContextFactory.Client tls = new SslContextFactory.Client();
        SSLContext clientContext = Peer.XTLS.context(Peer.TLS, pki);
        tls.setSslContext(clientContext);
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(tls);
        org.eclipse.jetty.client.HttpClient http = new org.eclipse.jetty.client.HttpClient(
                new HttpClientTransportOverHTTP2(new HTTP2Client(connector)));
        try (JettyServer jetty = xtlsJetty()) {
            http.start();
            ContentResponse r = http.newRequest("https://localhost:" + jetty.port() + "/jetty")
                    .timeout(20, TimeUnit.SECONDS).send();
            assertEquals(200, r.getStatus());
            assertEquals(HttpVersion.HTTP_2, r.getVersion());
            assertEquals("GET /jetty HTTP/2.0 ", r.getContentAsString());
            JettyServer.Seen seen = jetty.next();
            assertServerSawH2OverTls13(seen);
            Sessions.assertClientContextHolds(clientContext, seen.session());
        } finally {
            http.stop();
        }
    }

    private static JettyServer xtlsJetty() throws Exception {
        return JettyServer.start(Peer.XTLS.context(Peer.TLS, pki, pki.ecdsaP256()), "h2", "http/1.1");
    }

    private static void assertServerSawH2OverTls13(JettyServer.Seen seen) {
        assertEquals("HTTP/2.0", seen.httpVersion());
        Sessions.assertFrom(Peer.XTLS, seen.session(), TlsVersion.DEFAULT);
        assertEquals("h2", Sessions.applicationProtocol(seen.session()));
    }
}
