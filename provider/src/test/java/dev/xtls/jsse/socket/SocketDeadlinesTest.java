package dev.xtls.jsse.socket;

import static dev.xtls.jsse.socket.Loopback.TIMEOUT_MS;
import static dev.xtls.jsse.socket.Loopback.asClient;
import static dev.xtls.jsse.socket.Loopback.await;
import static dev.xtls.jsse.socket.Loopback.listenPlain;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Peers that stall a socket: a handshake trickled byte by byte, a peer that never reads. Every wait bounded. */
class SocketDeadlinesTest {
    private static final int MAX_TRICKLE_BYTES = 100; // at 100 ms each: 10 s, the bound on the unfixed code
    private static TestPki pki;
    private final Loopback loopback = new Loopback();

    @BeforeAll
    static void createPki() {
        pki = TestPki.create();
    }

    @AfterEach
    void stopPeers() {
        loopback.close();
    }

    @Test
    void theHandshakeTimeoutEndsAHandshakeTrickledWithinEachSoTimeout() throws Exception {
        try (ServerSocket trickler = listenPlain()) {
            Future<Integer> sent = loopback.background(() -> {
                try (Socket s = trickler.accept()) {
                    OutputStream out = s.getOutputStream();
                    out.write(new byte[] {22, 3, 3, 0x3f, (byte) 0xff}); // a 16 KiB record is coming...
                    int n = 0;
                    try {
                        for (; n < MAX_TRICKLE_BYTES; n++) {
                            out.write(0); // ...one byte per 100 ms, well within the client's SO_TIMEOUT
                            out.flush();
                            Thread.sleep(100);
                        }
                    } catch (IOException clientGaveUp) {
                        // expected once the handshake deadline passes
                    }
                    return n;
                }
            });
            SSLSocket c = XtlsSocketProperties.with(XtlsSocket.HANDSHAKE_TIMEOUT_PROPERTY, 500,
                    () -> (SSLSocket) Peer.XTLS.context(pki).getSocketFactory()
                            .createSocket(Loopback.loopback(), trickler.getLocalPort()));
            try (c) {
                asClient(c).setSoTimeout(300);
                SocketTimeoutException e = assertThrows(SocketTimeoutException.class, c::startHandshake);
                assertTrue(e.getMessage().contains(XtlsSocket.HANDSHAKE_TIMEOUT_PROPERTY), e.getMessage());
                assertTrue(c.isClosed(), "the handshake deadline is fatal, unlike an SO_TIMEOUT");
            }
            assertTrue(await(sent) < MAX_TRICKLE_BYTES, "the client stopped reading before the trickle ended");
        }
    }

    @Test
    void theWriteTimeoutFreesAWriterWhosePeerNeverReads() throws Exception {
        SSLServerSocket server = (SSLServerSocket) Peer.SUN.context(pki, pki.ecdsaP256()).getServerSocketFactory()
                .createServerSocket();
        try (server) {
            server.setReceiveBufferSize(4096); // small windows: the client's writes block soon
            server.bind(new InetSocketAddress(Loopback.loopback(), 0), 1);
            server.setSoTimeout(TIMEOUT_MS);
            CountDownLatch clientDone = new CountDownLatch(1);
            Future<Void> peer = loopback.background(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.startHandshake(); // then never reads; holds the connection until the client is done
                    clientDone.await(2 * TIMEOUT_MS, TimeUnit.MILLISECONDS);
                }
                return null;
            });
            SSLSocket c = XtlsSocketProperties.with(XtlsSocket.WRITE_TIMEOUT_PROPERTY, 500,
                    () -> (SSLSocket) Peer.XTLS.context(pki).getSocketFactory().createSocket());
            try (c) {
                c.setSendBufferSize(4096);
                c.connect(new InetSocketAddress(Loopback.loopback(), server.getLocalPort()), TIMEOUT_MS);
                asClient(c).startHandshake();
                OutputStream out = c.getOutputStream();
                byte[] chunk = new byte[1 << 16];
                SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> {
                    for (int i = 0; i < 4096; i++) { // 256 MiB at most: far beyond any socket buffer
                        out.write(chunk);
                    }
                });
                assertTrue(e.getMessage().contains(XtlsSocket.WRITE_TIMEOUT_PROPERTY), e.getMessage());
                assertTrue(c.isClosed(), "the stalled connection is closed");
            } finally {
                clientDone.countDown();
            }
            await(peer);
        }
    }
}
