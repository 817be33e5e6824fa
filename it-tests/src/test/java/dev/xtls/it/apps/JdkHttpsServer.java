package dev.xtls.it.apps;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * The JDK's {@code com.sun.net.httpserver.HttpsServer} on 127.0.0.1 with a given SSLContext. Every request gets
 * {@code "<method> <path> <body>"} back, and the server-side SSLSession of each exchange is recorded.
 */
final class JdkHttpsServer implements AutoCloseable {
    private final HttpsServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final BlockingQueue<SSLSession> sessions = new LinkedBlockingQueue<>();

    private JdkHttpsServer(SSLContext context, Consumer<SSLParameters> tweak) throws IOException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = context.getDefaultSSLParameters();
                tweak.accept(p);
                params.setSSLParameters(p);
            }
        });
        server.createContext("/", exchange -> {
            try (exchange) {
                sessions.add(((HttpsExchange) exchange).getSSLSession());
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                byte[] reply = (exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + body)
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                exchange.sendResponseHeaders(200, reply.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply);
                }
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    static JdkHttpsServer start(SSLContext context) throws IOException {
        return new JdkHttpsServer(context, p -> { });
    }

    /** {@code tweak} adjusts the SSLParameters each connection's engine gets (protocols, ALPN, ...). */
    static JdkHttpsServer start(SSLContext context, Consumer<SSLParameters> tweak) throws IOException {
        return new JdkHttpsServer(context, tweak);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The server's session of the next exchange handled, waiting at most 10 s. */
    SSLSession nextSession() throws InterruptedException {
        SSLSession s = sessions.poll(10, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("the server handled no exchange within 10 s");
        }
        return s;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
