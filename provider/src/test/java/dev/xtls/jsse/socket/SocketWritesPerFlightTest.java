package dev.xtls.jsse.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An Xtls socket sends each handshake flight in one write to the transport, so Nagle's algorithm never holds the
 * end of a flight back behind a delayed ACK (RFC 5246 §7.3 flights; RFC 8446 §2), against SunJSSE at the other end:
 * a full handshake is two flights each way for both versions (the server's tickets ride with its last flight).
 */
class SocketWritesPerFlightTest {
    private static final int FLIGHTS = 2;
    private static TestPki pki;
    private final Loopback loopback = new Loopback();

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    @AfterEach
    void stop() {
        loopback.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void anXtlsClientWritesEachFlightOnce(String protocol) throws Exception {
        SSLContext sun = Peer.SUN.context(Peer.TLS, pki, pki.ecdsaP256());
        try (SSLServerSocket server = Loopback.listen(sun)) {
            server.setEnabledProtocols(new String[] {protocol});
            Future<?> peer = loopback.background(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(Loopback.TIMEOUT_MS);
                    s.startHandshake();
                    s.getOutputStream().write(1);
                }
                return null;
            });
            CountingSocket transport = new CountingSocket();
            transport.connect(new InetSocketAddress(Loopback.loopback(), server.getLocalPort()), Loopback.TIMEOUT_MS);
            SSLContext xtls = Peer.XTLS.context(Peer.TLS, pki);
            try (SSLSocket client = (SSLSocket) xtls.getSocketFactory().createSocket(transport, Loopback.HOST,
                    server.getLocalPort(), true)) {
                Loopback.asClient(client).setEnabledProtocols(new String[] {protocol});
                Loopback.clientOf(peer, () -> {
                    client.startHandshake();
                    assertEquals(1, client.getInputStream().read());
                });
                assertEquals(protocol, client.getSession().getProtocol());
                assertEquals(FLIGHTS, transport.writes.size(), "socket writes (their lengths "
                        + transport.writes + ") for the client's two flights");
            }
            Loopback.await(peer);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void anXtlsServerWritesEachFlightOnce(String protocol) throws Exception {
        SSLContext xtls = Peer.XTLS.context(Peer.TLS, pki, pki.ecdsaP256());
        try (ServerSocket listener = new CountingServerSocket()) {
            listener.bind(new InetSocketAddress(Loopback.loopback(), 0), 1);
            listener.setSoTimeout(Loopback.TIMEOUT_MS);
            Future<?> peer = loopback.background(() -> {
                try (SSLSocket c = Loopback.connect(Peer.SUN.context(Peer.TLS, pki), listener.getLocalPort())) {
                    c.setEnabledProtocols(new String[] {protocol});
                    c.startHandshake();
                    c.getOutputStream().write(1);
                    c.getOutputStream().flush();
                    c.getInputStream().read(); // until the server closes
                }
                return null;
            });
            CountingSocket transport = (CountingSocket) listener.accept();
            try (SSLSocket server = (SSLSocket) xtls.getSocketFactory().createSocket(transport, null, true)) {
                server.setSoTimeout(Loopback.TIMEOUT_MS);
                Loopback.clientOf(peer, () -> assertEquals(1, server.getInputStream().read()));
                assertEquals(protocol, server.getSession().getProtocol());
                assertEquals(FLIGHTS, transport.writes.size(), "socket writes (their lengths "
                        + transport.writes + ") for the server's two flights");
            }
            Loopback.await(peer);
        }
    }

    /** A plain socket that counts the writes made to its output stream. */
    private static final class CountingSocket extends Socket {
        final List<Integer> writes = new CopyOnWriteArrayList<>(); // the length of each write
        private OutputStream out;

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new FilterOutputStream(super.getOutputStream()) {
                    @Override
                    public void write(int b) throws IOException {
                        writes.add(1);
                        super.out.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        writes.add(len);
                        super.out.write(b, off, len);
                    }
                };
            }
            return out;
        }
    }

    /** Accepts into a {@link CountingSocket}. */
    private static final class CountingServerSocket extends ServerSocket {
        CountingServerSocket() throws IOException {
        }

        @Override
        public Socket accept() throws IOException {
            CountingSocket s = new CountingSocket();
            implAccept(s);
            return s;
        }
    }
}
