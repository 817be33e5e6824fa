package dev.xtls.it.apps;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty 12 on 127.0.0.1 with a given SSLContext, speaking the given protocols ("h2", "http/1.1") chosen by ALPN.
 * Every request gets {@code "<method> <path> <protocol> <body>"} back; what the server saw of each request (HTTP
 * version and SSLSession) is recorded.
 */
final class JettyServer implements AutoCloseable {
    /** What the server saw of one request. */
    record Seen(String httpVersion, SSLSession session) {
    }

    private final Server server;
    private final ServerConnector connector;
    private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();

    private JettyServer(SSLContext context, List<String> protocols) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(16, 4);
        threads.setName("jetty-it");
        server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.addCustomizer(new SecureRequestCustomizer());
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setSslContext(context);
        List<ConnectionFactory> factories = new ArrayList<>();
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory(protocols.toArray(String[]::new));
        alpn.setDefaultProtocol(protocols.get(protocols.size() - 1));
        factories.add(new SslConnectionFactory(tls, alpn.getProtocol()));
        factories.add(alpn);
        for (String protocol : protocols) {
            factories.add(switch (protocol) {
                case "h2" -> new HTTP2ServerConnectionFactory(config);
                case "http/1.1" -> new HttpConnectionFactory(config);
                default -> throw new IllegalArgumentException(protocol);
            });
        }
        connector = new ServerConnector(server, 1, 1, factories.toArray(ConnectionFactory[]::new));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                EndPoint.SslSessionData ssl = (EndPoint.SslSessionData) request.getAttribute(
                        EndPoint.SslSessionData.ATTRIBUTE);
                String version = request.getConnectionMetaData().getProtocol();
                seen.add(new Seen(version, ssl == null ? null : ssl.sslSession()));
                String body = Content.Source.asString(request, StandardCharsets.UTF_8);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
                Content.Sink.write(response, true, request.getMethod() + " " + request.getHttpURI().getPath() + " "
                        + version + " " + body, callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
    }

    /** A server offering {@code protocols} in preference order; the last one is the default without ALPN. */
    static JettyServer start(SSLContext context, String... protocols) throws Exception {
        return new JettyServer(context, List.of(protocols));
    }

    int port() {
        return connector.getLocalPort();
    }

    /** What the server saw of the next request, waiting at most 10 s. */
    Seen next() throws InterruptedException {
        Seen s = seen.poll(10, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("Jetty handled no request within 10 s");
        }
        return s;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
