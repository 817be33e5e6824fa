package dev.xtls.tools;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * The demo's HTTPS server: the JDK's {@code HttpsServer} on the loopback address, its TLS done by whatever
 * SSLContext it is given. It offers ALPN "http/1.1" (all it speaks) and keeps the session of the last exchange.
 */
final class DemoServer implements AutoCloseable {
    private final HttpsServer server;
    private volatile SSLSession lastSession;

    private DemoServer(SSLContext context) throws IOException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = context.getDefaultSSLParameters();
                p.setApplicationProtocols(new String[] {"http/1.1"});
                params.setSSLParameters(p);
            }
        });
        server.createContext("/", exchange -> {
            try (exchange) {
                lastSession = ((HttpsExchange) exchange).getSSLSession();
                byte[] body = ("hello from Xtls, you asked for " + exchange.getRequestURI().getPath())
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    static DemoServer start(SSLContext context) throws IOException {
        return new DemoServer(context);
    }

    URI uri(String path) {
        return URI.create("https://localhost:" + server.getAddress().getPort() + path);
    }

    /** The server's session of the last request it answered. */
    SSLSession lastSession() {
        return lastSession;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
