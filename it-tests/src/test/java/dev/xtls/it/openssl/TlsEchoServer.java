package dev.xtls.it.openssl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A Java TLS server socket on 127.0.0.1 (TLSv1.2) that serves connections one after another until closed, so that
 * a client can come back and resume: handshake, read one line, answer "echo: LINE\n" (nothing when the client
 * closes first, as {@code gnutls-cli --resume} does on its first connection), close. What went wrong on a
 * connection is kept in {@link #failures()}, never thrown away. Every blocking call is bounded.
 */
public final class TlsEchoServer implements AutoCloseable {
    private static final Duration IO_TIMEOUT = OpenSsl.DEFAULT_TIMEOUT;

    private final SSLServerSocket socket;
    private final Thread thread;
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private volatile int served;

    private TlsEchoServer(SSLServerSocket socket) {
        this.socket = socket;
        this.thread = new Thread(this::serve, "tls-echo-server-" + socket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    /** Listens on 127.0.0.1, port 0 (the kernel picks), with {@code ctx}'s server socket factory and TLSv1.2 only. */
    public static TlsEchoServer start(SSLContext ctx) {
        return start(ctx, "TLSv1.2");
    }

    /** As {@link #start(SSLContext)}, with {@code protocols} enabled. */
    public static TlsEchoServer start(SSLContext ctx, String... protocols) {
        try {
            SSLServerSocket s = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket();
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
            SSLParameters p = s.getSSLParameters();
            p.setProtocols(protocols);
            s.setSSLParameters(p);
            return new TlsEchoServer(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Connections served to the end so far. */
    public int served() {
        return served;
    }

    /** One line per connection that failed: what the server threw. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (SSLSocket s = (SSLSocket) socket.accept()) {
                serveOne(s);
                served++;
            } catch (IOException | RuntimeException e) {
                if (!socket.isClosed()) {
                    failures.add(e.toString());
                }
            }
        }
    }

    private static void serveOne(SSLSocket s) throws IOException {
        s.setSoTimeout((int) IO_TIMEOUT.toMillis());
        s.startHandshake();
        String line;
        try {
            line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException("no line from the client within " + IO_TIMEOUT);
        }
        if (line != null) {
            OutputStream out = s.getOutputStream();
            out.write(("echo: " + line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a listening socket: nothing to do about a failure
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(IO_TIMEOUT.toSeconds() + 5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
