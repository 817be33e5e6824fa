package dev.xtls.it.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * An {@link SSLServerSocket} on 127.0.0.1 with a fixed pool of connection threads: each connection is handshaken,
 * then every line is answered by {@link LineProtocol#reply} until the client closes. A line
 * {@link LineProtocol#RENEGOTIATE} makes the server renegotiate (TLS 1.2) before it answers. What a connection
 * threw is kept in {@link #failures()}. {@link #close()} stops accepting and ends the pool, bounded.
 */
final class PooledTlsServer implements AutoCloseable {
    private static final int IO_TIMEOUT_MS = 60_000;

    private final SSLServerSocket socket;
    private final ExecutorService pool;
    private final Thread acceptor;
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger served = new AtomicInteger();

    private PooledTlsServer(SSLServerSocket socket, int threads) {
        this.socket = socket;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> new Thread(r, "pooled-tls-" + n.incrementAndGet()));
        this.acceptor = new Thread(this::accept, "pooled-tls-acceptor");
        acceptor.start();
    }

    /** Listens on 127.0.0.1 with {@code ctx}'s server socket factory, {@code threads} connections served at once. */
    static PooledTlsServer start(SSLContext ctx, int threads) {
        try {
            SSLServerSocket s = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket();
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            return new PooledTlsServer(s, threads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Connections served until the client closed. */
    int served() {
        return served.get();
    }

    /** One line per connection that failed: what the server threw. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                SSLSocket s = (SSLSocket) socket.accept();
                try {
                    pool.execute(() -> serve(s));
                } catch (RejectedExecutionException e) {
                    s.close(); // closing down
                }
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    failures.add("accept: " + e);
                }
            }
        }
    }

    private void serve(SSLSocket s) {
        try (s) {
            s.setSoTimeout(IO_TIMEOUT_MS);
            s.startHandshake();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals(LineProtocol.RENEGOTIATE)) {
                    s.startHandshake(); // RFC 5746: a server-initiated renegotiation, run inside the client's read
                }
                out.write(LineProtocol.reply(line));
                out.flush();
            }
            served.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            if (!(e instanceof SocketException && socket.isClosed())) {
                failures.add(e.toString());
            }
        }
    }

    /** Stops accepting, lets the connections in progress end (bounded), then ends the pool's threads. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a listening socket: nothing to do about a failure
        }
        try {
            acceptor.join(10_000);
            pool.shutdown();
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
                pool.awaitTermination(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
