package dev.xtls.it.openssl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A Java TLS server socket (any provider's SSLContext) on 127.0.0.1 that serves exactly one connection in a
 * background thread: handshake, read one line, answer "echo: LINE\n", close. Every blocking call is bounded.
 */
public final class JavaTlsServer implements AutoCloseable {

    /** What the served connection negotiated and received. */
    public record Served(String protocol, String cipherSuite, String line, SSLSession session) {
    }

    private final SSLServerSocket socket;
    private final ExecutorService thread;
    private final Future<Served> result;
    private final Duration timeout;
    private final Consumer<SSLSocket> beforeHandshake;

    private JavaTlsServer(SSLServerSocket socket, Duration timeout, Consumer<SSLSocket> beforeHandshake) {
        this.socket = socket;
        this.timeout = timeout;
        this.beforeHandshake = beforeHandshake;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "java-tls-server-" + socket.getLocalPort());
            t.setDaemon(true);
            return t;
        });
        this.result = thread.submit(this::serveOne);
    }

    /**
     * Listens on 127.0.0.1 with TLSv1.2 and {@code cipherSuites} (all enabled if none given); {@code needClientAuth}
     * requires a client certificate.
     */
    public static JavaTlsServer start(SSLContext ctx, boolean needClientAuth, String... cipherSuites) {
        return start(ctx, p -> {
            if (cipherSuites.length > 0) {
                p.setCipherSuites(cipherSuites.clone());
            }
            p.setNeedClientAuth(needClientAuth);
        });
    }

    /** Listens on 127.0.0.1 with TLSv1.2 and whatever else {@code configure} sets on the server's parameters. */
    public static JavaTlsServer start(SSLContext ctx, Consumer<SSLParameters> configure) {
        return start(ctx, configure, accepted -> { });
    }

    /** As {@link #start(SSLContext, Consumer)}, with {@code beforeHandshake} run on the accepted socket first. */
    public static JavaTlsServer start(SSLContext ctx, Consumer<SSLParameters> configure,
            Consumer<SSLSocket> beforeHandshake) {
        Duration timeout = OpenSsl.DEFAULT_TIMEOUT;
        try {
            SSLServerSocket s = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket();
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            s.setSoTimeout((int) timeout.toMillis());
            SSLParameters p = s.getSSLParameters();
            p.setProtocols(new String[] {"TLSv1.2"});
            configure.accept(p);
            s.setSSLParameters(p);
            return new JavaTlsServer(s, timeout, beforeHandshake);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    private Served serveOne() throws IOException {
        try (SSLSocket s = (SSLSocket) socket.accept()) {
            s.setSoTimeout((int) timeout.toMillis());
            beforeHandshake.accept(s);
            s.startHandshake();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = in.readLine();
            OutputStream out = s.getOutputStream();
            out.write(("echo: " + line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            SSLSession session = s.getSession();
            return new Served(session.getProtocol(), session.getCipherSuite(), line, session);
        }
    }

    /** Waits (bounded) for the served connection; rethrows what the server thread threw. */
    public Served awaitServed() throws Exception {
        try {
            return result.get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        } catch (TimeoutException e) {
            throw new AssertionError("Java server did not finish within " + timeout, e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        result.cancel(true);
        thread.shutdownNow();
    }
}
