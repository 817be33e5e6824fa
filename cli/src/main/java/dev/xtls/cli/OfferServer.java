package dev.xtls.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * An HTTPS server on an Xtls SSLContext answering every request with {@link OfferPage}. It reads each
 * ClientHello off the plain socket first, then runs TLS over the same bytes. At most {@value #THREADS}
 * connections at once, each bounded by a {@value #TIMEOUT_MILLIS} ms read timeout.
 */
final class OfferServer implements AutoCloseable {
    private static final int THREADS = 8;
    private static final int TIMEOUT_MILLIS = 10_000;
    private static final int MAX_REQUEST_HEAD = 16_384;

    private final SSLContext context;
    private final String[] protocols;
    private final ServerSocket listener;
    private final ExecutorService workers = Executors.newFixedThreadPool(THREADS);
    private final Thread acceptor;
    private final Consumer<String> log;

    OfferServer(SSLContext context, String[] protocols, InetAddress bind, int port, Consumer<String> log)
            throws IOException {
        this.context = context;
        this.protocols = protocols;
        this.log = log;
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(bind, port));
        acceptor = new Thread(this::acceptLoop, "xtls-serve-accept");
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Blocks until the server is closed. */
    void await() throws InterruptedException {
        acceptor.join();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket plain = listener.accept();
                workers.execute(() -> serve(plain));
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    log.accept("accept failed: " + e.getMessage());
                }
            }
        }
    }

    private void serve(Socket plain) {
        String peer = plain.getRemoteSocketAddress().toString();
        try (plain) {
            plain.setSoTimeout(TIMEOUT_MILLIS);
            ClientHelloReader.Peeked peeked = ClientHelloReader.read(plain.getInputStream());
            ClientHelloOffer offer = parse(peeked.clientHello());
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain,
                    new ByteArrayInputStream(peeked.consumed()), true)) {
                tls.setUseClientMode(false);
                if (protocols != null) {
                    SSLParameters p = tls.getSSLParameters();
                    p.setProtocols(protocols);
                    tls.setSSLParameters(p);
                }
                tls.setHandshakeApplicationProtocolSelector((engine, offered) ->
                        offered.contains("http/1.1") ? "http/1.1" : null);
                tls.startHandshake();
                log.accept(peer + " " + tls.getSession().getProtocol() + " " + tls.getSession().getCipherSuite());
                String requestLine = readRequestHead(tls.getInputStream());
                byte[] page = OfferPage.render(tls, offer, requestLine).getBytes(StandardCharsets.UTF_8);
                OutputStream out = tls.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                        + page.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(page);
                out.flush();
            }
        } catch (SSLException e) {
            log.accept(peer + " handshake failed: " + e.getMessage());
        } catch (IOException e) {
            log.accept(peer + " " + e);
        }
    }

    private static ClientHelloOffer parse(byte[] clientHello) {
        if (clientHello == null) {
            return null;
        }
        try {
            return ClientHelloOffer.parse(clientHello);
        } catch (RuntimeException e) {
            return null; // malformed: the handshake refuses it with its alert
        }
    }

    /** The request line; the rest of the head (up to the empty line) is read and dropped. */
    private static String readRequestHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while (head.length() < MAX_REQUEST_HEAD && (c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        int end = head.indexOf("\r\n");
        return end < 0 ? head.toString() : head.substring(0, end);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        workers.shutdownNow();
        try {
            acceptor.join(TIMEOUT_MILLIS);
            workers.awaitTermination(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
