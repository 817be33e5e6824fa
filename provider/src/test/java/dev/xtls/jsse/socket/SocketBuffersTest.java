package dev.xtls.jsse.socket;

import static dev.xtls.jsse.socket.Loopback.TIMEOUT_MS;
import static dev.xtls.jsse.socket.Loopback.await;
import static dev.xtls.jsse.socket.Loopback.connect;
import static dev.xtls.jsse.socket.Loopback.listen;
import static dev.xtls.jsse.socket.Loopback.randomBytes;
import static dev.xtls.jsse.socket.Loopback.readExactly;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an accepted Xtls socket keeps in buffers, a SunJSSE client at the other end: nothing once the handshake is
 * over and it is idle, and buffers sized to the records it carried after that, as SunJSSE's socket grows its own.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketBuffersTest {
    /** Less than one buffer of a whole record (about 16 KiB): what a connection of short lines needs. */
    private static final int SMALL = 4096;

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

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void anIdleEstablishedSocketHoldsNoBuffer(String protocol) throws Exception {
        try (SSLServerSocket server = listen(Peer.XTLS.context(Peer.TLS, pki, pki.ecdsaP256()))) {
            server.setEnabledProtocols(new String[] {protocol});
            Future<Integer> held = loopback.background(() -> {
                try (XtlsSocket s = (XtlsSocket) server.accept()) {
                    s.setSoTimeout(TIMEOUT_MS);
                    s.startHandshake();
                    int bytes = s.bufferBytes();
                    s.getOutputStream().write(1); // the client may go
                    return bytes;
                }
            });
            try (SSLSocket c = connect(Peer.SUN.context(Peer.TLS, pki), server.getLocalPort())) {
                c.setEnabledProtocols(new String[] {protocol});
                c.startHandshake();
                assertEquals(1, c.getInputStream().read());
            }
            assertEquals(0, await(held), "buffer bytes held by an established socket before its first read");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void shortLinesLeaveBuffersSizedToThem(String protocol) throws Exception {
        byte[] line = randomBytes(100, 7);
        try (SSLServerSocket server = listen(Peer.XTLS.context(Peer.TLS, pki, pki.ecdsaP256()))) {
            server.setEnabledProtocols(new String[] {protocol});
            Future<Integer> held = loopback.background(() -> {
                try (XtlsSocket s = (XtlsSocket) server.accept()) {
                    s.setSoTimeout(TIMEOUT_MS);
                    for (int i = 0; i < 3; i++) {
                        s.getOutputStream().write(readExactly(s.getInputStream(), line.length));
                    }
                    return s.bufferBytes();
                }
            });
            try (SSLSocket c = connect(Peer.SUN.context(Peer.TLS, pki), server.getLocalPort())) {
                c.setEnabledProtocols(new String[] {protocol});
                for (int i = 0; i < 3; i++) {
                    c.getOutputStream().write(line);
                    assertArrayEquals(line, readExactly(c.getInputStream(), line.length));
                }
            }
            int bytes = await(held);
            assertTrue(bytes < SMALL, bytes + " buffer bytes held after three 100-byte lines each way");
        }
    }
}
