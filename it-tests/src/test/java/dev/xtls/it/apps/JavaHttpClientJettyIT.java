package dev.xtls.it.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.jetty.XtlsServerAlpnProcessor;
import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.alpn.java.server.JDK9ServerALPNProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code java.net.http.HttpClient} (SSLEngine) against Jetty 12, HTTP/2 and HTTP/1.1 chosen by ALPN, with Xtls on
 * the client, the server, or both; the other side SunJSSE.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JavaHttpClientJettyIT {
    static TestPki pki;
    final ExecutorService executor = Executors.newFixedThreadPool(2);

    @BeforeAll
    static void createPki() {
        pki = TestPki.create();
    }

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    @ParameterizedTest(name = "{0} client -> {1} Jetty, {2}")
    @MethodSource("dev.xtls.it.apps.TlsVersion#sides")
    void http2IsNegotiatedByAlpn(Peer client, Peer server, TlsVersion version) throws Exception {
        SSLContext clientContext = version.context(client, pki);
        try (JettyServer jetty = JettyServer.start(version.context(server, pki, pki.ecdsaP256()), "h2",
                "http/1.1")) {
            HttpClient http = client(clientContext, HttpClient.Version.HTTP_2);
            HttpResponse<String> get = http.send(request(jetty, "/h2").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, get.statusCode());
            assertEquals(HttpClient.Version.HTTP_2, get.version());
            assertEquals("GET /h2 HTTP/2.0 ", get.body());
            assertServerSaw(jetty.next(), "HTTP/2.0", server, "h2", clientContext, version);

            String body = "{\"xtls\":true}".repeat(2000);
            HttpResponse<String> post = http.send(request(jetty, "/h2post")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_2, post.version());
            assertEquals("POST /h2post HTTP/2.0 " + body, post.body());
            assertServerSaw(jetty.next(), "HTTP/2.0", server, "h2", clientContext, version);
        }
    }

    @ParameterizedTest(name = "{0} client -> {1} Jetty, {2}")
    @MethodSource("dev.xtls.it.apps.TlsVersion#sides")
    void http11IsChosenByAlpnWhenTheServerHasNoH2(Peer client, Peer server, TlsVersion version) throws Exception {
        SSLContext clientContext = version.context(client, pki);
        try (JettyServer jetty = JettyServer.start(version.context(server, pki, pki.rsa2048()), "http/1.1")) {
            HttpResponse<String> r = client(clientContext, HttpClient.Version.HTTP_2).send(
                    request(jetty, "/h1").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_1_1, r.version());
            assertEquals("GET /h1 HTTP/1.1 ", r.body());
            assertServerSaw(jetty.next(), "HTTP/1.1", server, "http/1.1", clientContext, version);
        }
    }

    @ParameterizedTest(name = "{0} client -> {1} Jetty, {2}")
    @MethodSource("dev.xtls.it.apps.TlsVersion#sides")
    void http11ClientWithoutAlpnGetsTheServersDefault(Peer client, Peer server, TlsVersion version) throws Exception {
        SSLContext clientContext = version.context(client, pki);
        try (JettyServer jetty = JettyServer.start(version.context(server, pki, pki.ecdsaP256()), "h2",
                "http/1.1")) {
            HttpResponse<String> r = client(clientContext, HttpClient.Version.HTTP_1_1).send(
                    request(jetty, "/plain").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_1_1, r.version());
            assertEquals("GET /plain HTTP/1.1 ", r.body());
            assertServerSaw(jetty.next(), "HTTP/1.1", server, "", clientContext, version);
        }
    }

    /** Why XtlsServerAlpnProcessor exists: Jetty's own JDK processor takes only java.base engines. */
    @Test
    void jettyNeedsTheXtlsAlpnProcessorForXtlsEngines() {
        SSLEngine xtls = Peer.XTLS.context(pki, pki.ecdsaP256()).createSSLEngine();
        SSLEngine sun = Peer.SUN.context(pki, pki.ecdsaP256()).createSSLEngine();
        assertFalse(new JDK9ServerALPNProcessor().appliesTo(xtls));
        assertTrue(new JDK9ServerALPNProcessor().appliesTo(sun));
        assertTrue(new XtlsServerAlpnProcessor().appliesTo(xtls));
        assertFalse(new XtlsServerAlpnProcessor().appliesTo(sun));
    }

    HttpClient client(SSLContext context, HttpClient.Version version) {
        return HttpClient.newBuilder().sslContext(context).version(version).executor(executor)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    static HttpRequest.Builder request(JettyServer jetty, String path) {
        return HttpRequest.newBuilder(URI.create("https://localhost:" + jetty.port() + path))
                .timeout(Duration.ofSeconds(20));
    }

    /** The server's provider, HTTP version and (on Xtls) ALPN result; the client's context made the session. */
    static void assertServerSaw(JettyServer.Seen seen, String httpVersion, Peer server, String alpn,
            SSLContext clientContext, TlsVersion version) {
        assertEquals(httpVersion, seen.httpVersion());
        Sessions.assertFrom(server, seen.session(), version);
        if (server == Peer.XTLS) {
            assertEquals(alpn, Sessions.applicationProtocol(seen.session()));
        }
        Sessions.assertClientContextHolds(clientContext, seen.session());
    }
}
