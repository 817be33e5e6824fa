package dev.xtls.it.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.Credential;
import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Failures reach the application as the exception it expects, with a message that says what went wrong:
 * {@code HttpsURLConnection} on Xtls against a SunJSSE {@code HttpsServer}, and ALPN without overlap through
 * Apache HttpClient 5's async client against Jetty, Xtls on either side.
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class FailuresIT {
    static TestPki pki;

    @BeforeAll
    static void createPki() {
        pki = TestPki.create();
    }

    @Test
    void aCertificateForAnotherHostIsRefusedNamingTheHost() throws Exception {
        SSLHandshakeException e = fetchFails(pki.otherHost());
        assertMessage(e, "(certificate_unknown)", "CN=other.example", "localhost");
    }

    @Test
    void aCertificateFromAnUntrustedCaIsRefused() throws Exception {
        SSLHandshakeException e = fetchFails(pki.untrusted());
        assertMessage(e, "(unknown_ca)", "OU=untrusted", "no trusted certificate authority");
    }

    @Test
    void anExpiredCertificateIsRefusedSayingSo() throws Exception {
        SSLHandshakeException e = fetchFails(pki.expired());
        assertMessage(e, "(certificate_expired)", "OU=expired", "certificate expired on");
    }

    /** A SunJSSE server socket (engine-based servers hang up without their alert: see the next test). */
    @Test
    void aTls13OnlyServerLeavesNoCommonProtocol() throws Exception {
        SSLContext sun = Peer.SUN.context(pki, pki.ecdsaP256());
        try (SSLServerSocket listener = (SSLServerSocket) sun.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getLoopbackAddress())) {
            listener.setEnabledProtocols(new String[] {"TLSv1.3"});
            listener.setSoTimeout(10_000);
            CompletableFuture<Exception> serverFailure = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.setSoTimeout(10_000);
                    s.startHandshake();
                    return null;
                } catch (IOException e) {
                    return e;
                }
            });
            SSLHandshakeException e = fetchFails(Peer.XTLS, listener.getLocalPort());
            assertMessage(e, "Received fatal alert: protocol_version");
            Exception server = serverFailure.get(10, TimeUnit.SECONDS);
            assertInstanceOf(SSLHandshakeException.class, server);
            assertMessage(server, "TLSv1.2 is not enabled");
        }
    }

    /** The JDK's HttpsServer hangs up without sending its alert: Xtls then reports what SunJSSE reports. */
    @Test
    void aServerThatHangsUpWithoutAnAlertIsReportedAsSunJsseReportsIt() throws Exception {
        try (JdkHttpsServer server = JdkHttpsServer.start(Peer.SUN.context(pki, pki.ecdsaP256()),
                p -> p.setProtocols(new String[] {"TLSv1.3"}))) {
            String xtls = fetchFails(Peer.XTLS, server.port()).getMessage();
            String sun = fetchFails(Peer.SUN, server.port()).getMessage();
            assertEquals(sun, xtls);
            assertEquals("Remote host terminated the handshake", xtls);
        }
    }

    /** HttpsURLConnection with the Xtls socket factory against a SunJSSE HttpsServer with {@code credential}. */
    static SSLHandshakeException fetchFails(Credential credential) throws Exception {
        try (JdkHttpsServer server = JdkHttpsServer.start(Peer.SUN.context(pki, credential))) {
            return fetchFails(Peer.XTLS, server.port());
        }
    }

    static SSLHandshakeException fetchFails(Peer client, int port) throws Exception {
        HttpsURLConnection c = (HttpsURLConnection) new URL("https://localhost:" + port + "/").openConnection();
        c.setSSLSocketFactory(client.context(pki).getSocketFactory());
        c.setConnectTimeout(10_000);
        c.setReadTimeout(10_000);
        try {
            return assertThrows(SSLHandshakeException.class, c::getResponseCode);
        } finally {
            c.disconnect();
        }
    }

    static Stream<Arguments> sides() {
        return Stream.of(Arguments.of(Peer.XTLS, Peer.SUN), Arguments.of(Peer.SUN, Peer.XTLS),
                Arguments.of(Peer.XTLS, Peer.XTLS));
    }

    @ParameterizedTest(name = "{0} client offering h2 only -> {1} Jetty with http/1.1 only")
    @MethodSource("sides")
    void noCommonAlpnProtocolFailsTheHandshake(Peer client, Peer server) throws Exception {
        try (JettyServer jetty = JettyServer.start(server.context(pki, pki.ecdsaP256()), "http/1.1")) {
            CloseableHttpAsyncClient http = HttpAsyncClients.custom()
                    .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                            .setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(client.context(pki))
                                    .buildAsync())
                            .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_2)
                                    .setHandshakeTimeout(Timeout.ofSeconds(10)).build())
                            .build())
                    .build();
            http.start();
            try {
                ExecutionException e = assertThrows(ExecutionException.class, () -> http.execute(
                        SimpleRequestProducer.create(SimpleRequestBuilder.get(
                                URI.create("https://localhost:" + jetty.port() + "/")).build()),
                        SimpleResponseConsumer.create(), null).get(20, TimeUnit.SECONDS));
                SSLHandshakeException handshake = assertInstanceOf(SSLHandshakeException.class, e.getCause(),
                        () -> "cause: " + e.getCause());
                assertMessage(handshake, "no_application_protocol");
            } finally {
                http.close(CloseMode.IMMEDIATE);
            }
        }
    }

    static void assertMessage(Exception e, String... parts) {
        String message = String.valueOf(e.getMessage());
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "\"" + part + "\" not in: " + message);
        }
    }
}
