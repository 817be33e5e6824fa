package dev.xtls.it.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Apache HttpClient 5 against Jetty 12: the classic client (layered SSLSocket over its own plain socket) and the
 * async client (SSLEngine, HTTP/2 negotiated by ALPN), with Xtls on the client, the server, or both.
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApacheHttpClientIT {
    static TestPki pki;

    @BeforeAll
    static void createPki() {
        pki = TestPki.create();
    }

    @ParameterizedTest(name = "{0} client -> {1} Jetty, {2}")
    @MethodSource("dev.xtls.it.apps.TlsVersion#sides")
    void classicClientGetsAndPostsOverLayeredSockets(Peer client, Peer server, TlsVersion version) throws Exception {
        SSLContext clientContext = version.context(client, pki);
        try (JettyServer jetty = JettyServer.start(version.context(server, pki, pki.ecdsaP256()), "h2",
                "http/1.1");
                CloseableHttpClient http = HttpClients.custom()
                        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                                .setTlsSocketStrategy(ClientTlsStrategyBuilder.create().setSslContext(clientContext)
                                        .buildClassic())
                                .build())
                        .build()) {
            HttpClientContext context = HttpClientContext.create();
            String got = http.execute(new HttpGet(uri(jetty, "/classic")), context,
                    r -> r.getCode() + " " + r.getVersion() + " " + EntityUtils.toString(r.getEntity()));
            assertEquals("200 HTTP/1.1 GET /classic HTTP/1.1 ", got);
            if (client == Peer.XTLS) {
                Sessions.assertFrom(client, context.getSSLSession(), version);
            }
            JettyServer.Seen seen = jetty.next();
            assertEquals("HTTP/1.1", seen.httpVersion());
            Sessions.assertFrom(server, seen.session(), version);
            Sessions.assertClientContextHolds(clientContext, seen.session());
            if (server == Peer.XTLS) {
                // the classic client offers no ALPN: Jetty falls back to its default protocol, http/1.1
                assertEquals("", Sessions.applicationProtocol(seen.session()));
            }

            HttpPost post = new HttpPost(uri(jetty, "/classic-post"));
            String body = "a=b&".repeat(10_000);
            post.setEntity(new StringEntity(body, ContentType.APPLICATION_FORM_URLENCODED));
            String posted = http.execute(post, r -> EntityUtils.toString(r.getEntity()));
            assertEquals("POST /classic-post HTTP/1.1 " + body, posted);
            assertEquals("HTTP/1.1", jetty.next().httpVersion());
        }
    }

    @ParameterizedTest(name = "{0} client -> {1} Jetty, {2}")
    @MethodSource("dev.xtls.it.apps.TlsVersion#sides")
    void asyncClientNegotiatesH2ByAlpn(Peer client, Peer server, TlsVersion version) throws Exception {
        SSLContext clientContext = version.context(client, pki);
        try (JettyServer jetty = JettyServer.start(version.context(server, pki, pki.rsa2048()), "h2",
                "http/1.1")) {
            CloseableHttpAsyncClient http = HttpAsyncClients.custom()
                    .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                            .setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(clientContext).buildAsync())
                            .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.NEGOTIATE)
                                    .setHandshakeTimeout(Timeout.ofSeconds(10)).build())
                            .build())
                    .build();
            http.start();
            try {
                HttpClientContext context = HttpClientContext.create();
                SimpleHttpResponse r = http.execute(
                        SimpleRequestProducer.create(SimpleRequestBuilder.get(uri(jetty, "/async")).build()),
                        SimpleResponseConsumer.create(), context, null).get(20, TimeUnit.SECONDS);
                assertEquals(200, r.getCode());
                assertEquals(HttpVersion.HTTP_2, r.getVersion());
                assertEquals("GET /async HTTP/2.0 ", r.getBodyText());
                JettyServer.Seen seen = jetty.next();
                assertEquals("HTTP/2.0", seen.httpVersion());
                Sessions.assertFrom(server, seen.session(), version);
                if (server == Peer.XTLS) {
                    assertEquals("h2", Sessions.applicationProtocol(seen.session()));
                }
                Sessions.assertClientContextHolds(clientContext, seen.session());
            } finally {
                http.close(CloseMode.GRACEFUL);
            }
        }
    }

    static URI uri(JettyServer jetty, String path) {
        return URI.create("https://localhost:" + jetty.port() + path);
    }
}
