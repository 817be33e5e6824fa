package dev.xtls.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.xtls.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * HTTPS GET requests per second against the JDK's {@link HttpsServer} on loopback, the same implementation at both
 * ends: {@code client} {@code HttpClient} ({@code java.net.http}, HTTP/1.1) or {@code HttpsURLConnection};
 * {@code connection} {@code close} (the request carries "Connection: close", so every request is a new TCP and TLS
 * connection — resumed as each implementation's client cache allows, as users get it) or {@code keep-alive}
 * (one connection for all). Each request is checked: status 200, the body, and the client port the server saw —
 * new on every request with {@code close}, the same with {@code keep-alive}. ECDSA P-256 certificate, contexts as
 * {@code config} ({@link ContextConfig}), the implementation's default suites.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 4, time = 2)
// "Connection" is a restricted request header for both clients unless the first two allow it; the JDK HttpsServer
// writes headers and body as two records, which Nagle's algorithm and delayed ACKs hold up by ~40 ms unless nodelay
@Fork(value = 1, jvmArgsAppend = {"-Djdk.httpclient.allowRestrictedHeaders=connection",
        "-Dsun.net.http.allowRestrictedHeaders=true", "-Dsun.net.httpserver.nodelay=true"})
public class HttpBenchmark {
    private static final byte[] BODY = "hello from the benchmark\n".getBytes(StandardCharsets.US_ASCII);

    @Param
    public Impl impl;

    @Param({"HttpClient", "HttpsURLConnection"})
    public String client;

    @Param({"close", "keep-alive"})
    public String connection;

    @Param({Impl.TLS13})
    public String protocol;

    @Param({ContextConfig.DEFAULTS_SUNX509_NAME})
    public String config;

    private HttpsServer server;
    private ExecutorService serverThreads;
    private volatile int lastClientPort;
    private int previousClientPort;
    private boolean close;
    private URI uri;
    private HttpClient httpClient;
    private HttpRequest request;
    private SSLSocketFactory socketFactory;

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        TestPki pki = TestPki.create();
        ContextConfig contexts = ContextConfig.of(config);
        SSLContext serverCtx = impl.context(pki, pki.ecdsaP256(), protocol, contexts);
        SSLContext clientCtx = impl.context(pki, null, protocol, contexts);
        close = switch (connection) {
            case "close" -> true;
            case "keep-alive" -> false;
            default -> throw new IllegalArgumentException("connection: close or keep-alive, not " + connection);
        };
        server = HttpsServer.create(new InetSocketAddress(TlsSockets.LOOPBACK, 0), 128);
        server.setHttpsConfigurator(new HttpsConfigurator(serverCtx) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = getSSLContext().getDefaultSSLParameters();
                p.setProtocols(new String[] {protocol});
                params.setSSLParameters(p);
            }
        });
        server.createContext("/", this::handle);
        serverThreads = Executors.newFixedThreadPool(2);
        server.setExecutor(serverThreads);
        server.start();
        uri = URI.create("https://localhost:" + server.getAddress().getPort() + "/");
        switch (client) {
            case "HttpClient" -> {
                SSLParameters p = clientCtx.getDefaultSSLParameters();
                p.setProtocols(new String[] {protocol});
                httpClient = HttpClient.newBuilder().sslContext(clientCtx).sslParameters(p)
                        .version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
                request = (close ? b.header("Connection", "close") : b).build();
            }
            case "HttpsURLConnection" -> socketFactory = clientCtx.getSocketFactory(); // one: keep-alive's key
            default -> throw new IllegalArgumentException("client: HttpClient or HttpsURLConnection, not " + client);
        }
        get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
            in.readAllBytes();
            lastClientPort = exchange.getRemoteAddress().getPort();
            exchange.sendResponseHeaders(200, BODY.length);
            out.write(BODY);
        }
    }

    @Benchmark
    public int get() throws IOException, InterruptedException {
        byte[] body = httpClient != null ? viaHttpClient() : viaUrlConnection();
        if (!Arrays.equals(BODY, body)) {
            throw new IOException(impl.label() + " " + client + ": wrong body " + Arrays.toString(body));
        }
        int port = lastClientPort;
        if (close ? port == previousClientPort : previousClientPort != 0 && port != previousClientPort) {
            throw new IllegalStateException(impl.label() + " " + client + " " + connection + ": client port "
                    + previousClientPort + " then " + port);
        }
        previousClientPort = port;
        return body.length;
    }

    private byte[] viaHttpClient() throws IOException, InterruptedException {
        HttpResponse<byte[]> r = httpClient.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException(impl.label() + " HttpClient: status " + r.statusCode());
        }
        return r.body();
    }

    private byte[] viaUrlConnection() throws IOException {
        HttpsURLConnection c = (HttpsURLConnection) new URL(uri.toString()).openConnection();
        c.setSSLSocketFactory(socketFactory);
        if (close) {
            c.setRequestProperty("Connection", "close");
        }
        if (c.getResponseCode() != 200) {
            throw new IOException(impl.label() + " HttpsURLConnection: status " + c.getResponseCode());
        }
        try (InputStream in = c.getInputStream()) {
            return in.readAllBytes(); // read to the end and closed: the connection goes back to the keep-alive cache
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        server.stop(0);
        serverThreads.shutdown();
        if (!serverThreads.awaitTermination(10, TimeUnit.SECONDS)) {
            serverThreads.shutdownNow();
            throw new IllegalStateException(impl.label() + "'s HttpsServer threads did not end");
        }
    }
}
