package dev.xtls.it.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.it.openssl.OpenSslClient;
import dev.xtls.jsse.XtlsSession;
import dev.xtls.testing.Credential;
import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Netty 4.2 HTTPS server whose {@link SslHandler} runs on an Xtls SSLEngine, serving HTTP/2 and HTTP/1.1 as ALPN
 * decides, reached by {@code openssl s_client -alpn} and by curl. Two ways to put Xtls under Netty, both tested:
 * Netty's own {@code SslContextBuilder} with {@code sslContextProvider(Xtls)} (Netty drives ALPN through the
 * engine's JDK 9 ALPN API), and an engine from the Xtls SSLContext handed to {@code new SslHandler(engine)} with
 * the protocols in its SSLParameters. Only 127.0.0.1; every process and the server are bounded and stopped.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NettyHttpServerIT {
    static final String TLS13 = "TLSv1.3";
    static final String TLS12 = "TLSv1.2";

    /** How the Xtls engine gets into Netty. */
    enum Setup {
        /** {@code SslContextBuilder.forServer(key, chain).sslProvider(JDK).sslContextProvider(xtls)}. */
        NETTY_SSL_CONTEXT,
        /**
         * {@code new SslHandler(xtlsContext.createSSLEngine())}, ALPN via {@code SSLParameters}, the result read
         * with {@code SSLEngine.getApplicationProtocol()}.
         */
        XTLS_ENGINE
    }

    @TempDir
    static Path dir;
    static TestPki pki;
    static Path ca;
    static Credential credential;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create();
        ca = pki.writeCaPem(dir);
        credential = pki.ecdsaP256();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("setupsAndTlsVersions")
    void openSslClientNegotiatesH2AndGetsTheBody(Setup setup, String tls) throws Exception {
        try (NettyHttpServer server = NettyHttpServer.start(sslHandlers(setup, tls), alpnSource(setup))) {
            OpenSslClient.Result r = sClient(server.port(), tls).caFile(ca).extraArgs("-alpn", "h2")
                    .stdin(h2GetRequest()).runUntil(NettyHttpServer.body("h2"));
            assertTrue(r.stdout().contains("ALPN protocol: h2\n"), r.describe());
            assertTrue(r.stdout().contains(NettyHttpServer.body("h2")), r.describe());
            assertEquals(0, r.verifyReturnCode().orElseThrow(), r.describe());
            assertServedThroughXtls(server, "h2", tls);
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("setupsAndTlsVersions")
    void openSslClientNegotiatesHttp11AndGetsTheBody(Setup setup, String tls) throws Exception {
        try (NettyHttpServer server = NettyHttpServer.start(sslHandlers(setup, tls), alpnSource(setup))) {
            OpenSslClient.Result r = sClient(server.port(), tls).caFile(ca).extraArgs("-alpn", "http/1.1")
                    .stdin(http11GetRequest()).runUntil(NettyHttpServer.body("http/1.1"));
            assertTrue(r.stdout().contains("ALPN protocol: http/1.1\n"), r.describe());
            assertTrue(r.stdout().contains("HTTP/1.1 200 OK"), r.describe());
            assertTrue(r.stdout().contains(NettyHttpServer.body("http/1.1")), r.describe());
            assertServedThroughXtls(server, "http/1.1", tls);
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("setupsAndTlsVersions")
    void curlFetchesTheBodyOverHttp2(Setup setup, String tls) throws Exception {
        try (NettyHttpServer server = NettyHttpServer.start(sslHandlers(setup, tls), alpnSource(setup))) {
            Curl.Output o = Curl.get(server.port(), ca, "--http2");
            assertEquals(0, o.exitCode(), o.describe());
            assertEquals(NettyHttpServer.body("h2") + "2", o.stdout(), o.describe());
            assertServedThroughXtls(server, "h2", tls);
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("setupsAndTlsVersions")
    void curlFetchesTheBodyOverHttp11(Setup setup, String tls) throws Exception {
        try (NettyHttpServer server = NettyHttpServer.start(sslHandlers(setup, tls), alpnSource(setup))) {
            Curl.Output o = Curl.get(server.port(), ca, "--http1.1");
            assertEquals(0, o.exitCode(), o.describe());
            assertEquals(NettyHttpServer.body("http/1.1") + "1.1", o.stdout(), o.describe());
            assertServedThroughXtls(server, "http/1.1", tls);
        }
    }

    /** Each setup with the default "TLS" context (TLS 1.3, which curl and s_client speak) and with TLS 1.2 forced. */
    static Stream<Arguments> setupsAndTlsVersions() {
        return Stream.of(TLS13, TLS12).flatMap(v -> Stream.of(Setup.values()).map(s -> Arguments.of(s, v)));
    }

    /** curl's flag and its {@code %{http_version}} for each protocol the server speaks. */
    enum HttpVersion {
        H2("--http2", "2"), HTTP_1_1("--http1.1", "1.1");

        final String curlFlag;
        final String reported;

        HttpVersion(String curlFlag, String reported) {
            this.curlFlag = curlFlag;
            this.reported = reported;
        }
    }

    static Stream<Arguments> setupsAndVersions() {
        return Stream.of(Setup.values()).flatMap(s -> Stream.of(HttpVersion.values()).map(v -> Arguments.of(s, v)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("setupsAndVersions")
    void curlDownloadsAMebibyteIntact(Setup setup, HttpVersion version) throws Exception {
        int size = 1 << 20;
        Path file = dir.resolve("download-" + setup + "-" + version);
        try (NettyHttpServer server = NettyHttpServer.start(sslHandlers(setup), alpnSource(setup))) {
            Curl.Output o = Curl.request(server.port(), ca, "/bytes/" + size, version.curlFlag, "-o", file.toString());
            assertEquals(0, o.exitCode(), o.describe());
            assertEquals(version.reported, o.stdout(), o.describe());
            assertArrayEquals(NettyHttpServer.pattern(size), Files.readAllBytes(file));
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("setupsAndVersions")
    void curlUploadsAMebibyte(Setup setup, HttpVersion version) throws Exception {
        int size = 1 << 20;
        Path file = Files.write(dir.resolve("upload-" + setup + "-" + version), NettyHttpServer.pattern(size));
        String protocol = version == HttpVersion.H2 ? "h2" : "http/1.1";
        try (NettyHttpServer server = NettyHttpServer.start(sslHandlers(setup), alpnSource(setup))) {
            Curl.Output o = Curl.request(server.port(), ca, "/upload", version.curlFlag, "--data-binary",
                    "@" + file);
            assertEquals(0, o.exitCode(), o.describe());
            assertEquals("received " + size + " bytes over " + protocol + "\n" + version.reported, o.stdout(),
                    o.describe());
        }
    }

    @Test
    void curlFetchesThreeUrlsOverOneHttp2Connection() throws Exception {
        try (NettyHttpServer server = NettyHttpServer.start(sslHandlers(Setup.XTLS_ENGINE),
                alpnSource(Setup.XTLS_ENGINE))) {
            Curl.Output o = Curl.request(server.port(), ca, "/", "--http2", "https://localhost:" + server.port()
                    + "/bytes/10", "https://localhost:" + server.port() + "/");
            assertEquals(0, o.exitCode(), o.describe());
            // the extra URLs come first on the command line, then the one request() adds
            assertEquals("abcdefghij2" + NettyHttpServer.body("h2") + "2" + NettyHttpServer.body("h2") + "2",
                    o.stdout(), o.describe());
            assertEquals(1, server.handshakes().size(), "one connection, one handshake");
        }
    }

    @Test
    void openSslClientWithoutAlpnIsServedHttp11() throws Exception {
        try (NettyHttpServer server = NettyHttpServer.start(sslHandlers(Setup.XTLS_ENGINE),
                alpnSource(Setup.XTLS_ENGINE))) {
            OpenSslClient.Result r = OpenSslClient.connect(server.port()).caFile(ca).stdin(http11GetRequest())
                    .runUntil(NettyHttpServer.body("http/1.1"));
            assertTrue(r.stdout().contains("No ALPN negotiated"), r.describe());
            assertTrue(r.stdout().contains(NettyHttpServer.body("http/1.1")), r.describe());
            NettyHttpServer.Handshake h = server.firstHandshake();
            assertTrue(h.success(), String.valueOf(h.cause()));
            assertEquals("", ((XtlsSession) h.session()).details().applicationProtocol(), "no ALPN: empty");
        }
    }

    @Test
    void nettySelectorWithNoAdvertiseAnswersAnUnknownProtocolWithoutAlpn() throws Exception {
        // ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE: Netty's selector answers "" on no match,
        // which the Xtls engine takes as "no ALPN": the connection goes on as HTTP/1.1.
        try (NettyHttpServer server = NettyHttpServer.start(sslHandlers(Setup.NETTY_SSL_CONTEXT),
                alpnSource(Setup.NETTY_SSL_CONTEXT))) {
            OpenSslClient.Result r = OpenSslClient.connect(server.port()).caFile(ca).extraArgs("-alpn", "spdy/3")
                    .stdin(http11GetRequest()).runUntil(NettyHttpServer.body("http/1.1"));
            assertTrue(r.stdout().contains("No ALPN negotiated"), r.describe());
            assertTrue(r.stdout().contains(NettyHttpServer.body("http/1.1")), r.describe());
            NettyHttpServer.Handshake h = server.firstHandshake();
            assertTrue(h.success(), String.valueOf(h.cause()));
            assertEquals("", h.applicationProtocol());
        }
    }

    @Test
    void xtlsEngineRefusesAnUnknownProtocolWithNoApplicationProtocol() throws Exception {
        try (NettyHttpServer server = NettyHttpServer.start(sslHandlers(Setup.XTLS_ENGINE),
                alpnSource(Setup.XTLS_ENGINE))) {
            OpenSslClient.Result r = OpenSslClient.connect(server.port()).caFile(ca).extraArgs("-alpn", "spdy/3")
                    .stdin(http11GetRequest()).runUntil("alert");
            assertEquals("no_application_protocol", r.alert().orElseThrow(() -> new AssertionError(r.describe())));
            assertTrue(r.cipher().isEmpty(), r.describe());
            NettyHttpServer.Handshake h = server.firstHandshake();
            SSLHandshakeException e = assertInstanceOf(SSLHandshakeException.class, h.cause());
            assertTrue(e.getMessage().contains("client offered [spdy/3], server supports [h2, http/1.1]"),
                    e.getMessage());
        }
    }

    @Test
    void curlSupportsHttp2() {
        Curl.Output o = Curl.run(List.of("-V"));
        assertEquals(0, o.exitCode(), o.describe());
        assertTrue(o.stdout().matches("(?s).*Features:.*\\bHTTP2\\b.*"), "curl without HTTP/2 support:\n" + o.stdout());
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** {@code openssl s_client} for {@code tls}: OpenSslClient asks for -tls1_2 unless told -tls1_3. */
    private static OpenSslClient.Builder sClient(int port, String tls) {
        OpenSslClient.Builder b = OpenSslClient.connect(port);
        return tls.equals(TLS13) ? b.tls13() : b;
    }

    private static void assertServedThroughXtls(NettyHttpServer server, String protocol, String tls)
            throws InterruptedException {
        NettyHttpServer.Handshake h = server.firstHandshake();
        assertEquals(1, server.handshakes().size(), String.valueOf(server.handshakes()));
        assertTrue(h.success(), String.valueOf(h.cause()));
        assertEquals(protocol, h.applicationProtocol());
        XtlsSession session = assertInstanceOf(XtlsSession.class, h.session());
        assertEquals(tls, session.getProtocol());
        assertEquals(protocol, session.details().applicationProtocol());
        assertEquals(credential.leaf(), session.getLocalCertificates()[0]);
    }

    /**
     * Netty's ApplicationProtocolNegotiationHandler for Netty's own SslContext. For a bare engine the server reads
     * the engine's ALPN result itself: Netty's {@code SslHandler.applicationProtocol()} answers only for engines
     * Netty wrapped, and is null for any engine passed to {@code new SslHandler(engine)}, Xtls or SunJSSE alike.
     */
    private static NettyHttpServer.AlpnSource alpnSource(Setup setup) {
        return setup == Setup.NETTY_SSL_CONTEXT ? NettyHttpServer.AlpnSource.NETTY_HANDLER
                : NettyHttpServer.AlpnSource.SSL_ENGINE;
    }

    /** As {@link #sslHandlers(Setup, String)} on the default "TLS" context: TLS 1.3 with these clients. */
    private static Supplier<SslHandler> sslHandlers(Setup setup) throws Exception {
        return sslHandlers(setup, TLS13);
    }

    /**
     * A new SslHandler per connection, on an Xtls engine, offering h2 then http/1.1: from the default "TLS" context
     * ({@code tls} TLSv1.3), or with only TLSv1.2 enabled.
     */
    private static Supplier<SslHandler> sslHandlers(Setup setup, String tls) throws Exception {
        String[] enabled = tls.equals(TLS12) ? new String[] {TLS12} : new String[] {TLS13, TLS12};
        String[] protocols = {ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1};
        switch (setup) {
            case NETTY_SSL_CONTEXT -> {
                SslContext ctx = SslContextBuilder.forServer(credential.key(), credential.chain())
                        .sslProvider(SslProvider.JDK).sslContextProvider(Peer.XTLS.provider()).protocols(enabled)
                        .applicationProtocolConfig(new ApplicationProtocolConfig(
                                ApplicationProtocolConfig.Protocol.ALPN,
                                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, protocols))
                        .build();
                return () -> ctx.newHandler(ByteBufAllocator.DEFAULT);
            }
            case XTLS_ENGINE -> {
                SSLContext ctx = Peer.XTLS.context(Peer.TLS, pki, credential);
                return () -> {
                    SSLEngine engine = ctx.createSSLEngine();
                    engine.setUseClientMode(false);
                    SSLParameters p = engine.getSSLParameters();
                    p.setProtocols(enabled);
                    p.setApplicationProtocols(protocols);
                    engine.setSSLParameters(p);
                    return new SslHandler(engine);
                };
            }
            default -> throw new AssertionError(setup);
        }
    }

    private static byte[] http11GetRequest() {
        return "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * An HTTP/2 client's first bytes for "GET https://localhost/" (RFC 9113 §3.4): the connection preface, an empty
     * SETTINGS frame and one HEADERS frame ending the stream. The header block uses the HPACK static table (RFC 7541
     * Appendix A) only: :method GET (2), :path / (4), :scheme https (7), and :authority (1) as a literal.
     */
    static byte[] h2GetRequest() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        frame(out, 0x4, 0x0, 0, new byte[0]); // SETTINGS
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.writeBytes(new byte[] {(byte) 0x82, (byte) 0x84, (byte) 0x87});
        byte[] authority = "localhost".getBytes(StandardCharsets.US_ASCII);
        block.write(0x41); // literal with incremental indexing, name = static index 1
        block.write(authority.length);
        block.writeBytes(authority);
        frame(out, 0x1, 0x1 | 0x4, 1, block.toByteArray()); // HEADERS, END_STREAM | END_HEADERS, stream 1
        return out.toByteArray();
    }

    private static void frame(ByteArrayOutputStream out, int type, int flags, int stream, byte[] payload) {
        out.write(payload.length >>> 16);
        out.write(payload.length >>> 8);
        out.write(payload.length);
        out.write(type);
        out.write(flags);
        out.writeBytes(new byte[] {(byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8),
                (byte) stream});
        out.writeBytes(payload);
    }
}
