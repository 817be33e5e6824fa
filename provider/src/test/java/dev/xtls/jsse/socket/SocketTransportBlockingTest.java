package dev.xtls.jsse.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A TLS socket whose application sets no SO_TIMEOUT leaves its transport's SO_TIMEOUT alone, at both ends, as
 * SunJSSE's does: one timed read puts a java.net socket into non-blocking mode for good, and then every read that
 * finds no data costs a failed read, a poll and a second read (half the throughput of 1 KiB writes).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // reads unbounded
class SocketTransportBlockingTest {
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
    @EnumSource(value = Peer.class, names = {"SUN", "XTLS"})
    void aHandshakeAndAnExchangeSetNoSoTimeoutOnTheTransports(Peer peer) throws Exception {
        SSLSocketFactory serverSide = peer.context(Peer.TLS, pki, pki.ecdsaP256()).getSocketFactory();
        try (RecordingServerSocket listener = new RecordingServerSocket()) {
            listener.bind(new InetSocketAddress(Loopback.loopback(), 0), 1);
            listener.setSoTimeout(Loopback.TIMEOUT_MS);
            Future<List<Integer>> accepted = loopback.background(() -> {
                RecordingSocket transport = (RecordingSocket) listener.accept();
                try (SSLSocket s = (SSLSocket) serverSide.createSocket(transport, null, true)) {
                    s.getOutputStream().write(s.getInputStream().read());
                    List<Integer> set = List.copyOf(transport.soTimeouts); // not closing: SunJSSE's close sets one
                    s.getInputStream().read(); // until the client closes
                    return set;
                }
            });
            RecordingSocket transport = new RecordingSocket();
            transport.connect(new InetSocketAddress(Loopback.loopback(), listener.getLocalPort()), Loopback.TIMEOUT_MS);
            List<Integer> setAtTheClient = new CopyOnWriteArrayList<>();
            try (SSLSocket client = (SSLSocket) peer.context(Peer.TLS, pki).getSocketFactory().createSocket(
                    transport, Loopback.HOST, listener.getLocalPort(), true)) {
                Loopback.clientOf(accepted, () -> {
                    client.getOutputStream().write(7);
                    assertEquals(7, client.getInputStream().read());
                    setAtTheClient.addAll(transport.soTimeouts);
                });
            }
            assertEquals(List.of(), setAtTheClient, peer + " client: SO_TIMEOUTs set on its transport");
            assertEquals(List.of(), Loopback.await(accepted), peer + " server: SO_TIMEOUTs set on its transport");
        }
    }

    /** A plain socket that records each non-zero SO_TIMEOUT set on it (a timed read follows). */
    private static final class RecordingSocket extends Socket {
        final List<Integer> soTimeouts = new CopyOnWriteArrayList<>();

        @Override
        public synchronized void setSoTimeout(int timeout) throws SocketException {
            if (timeout != 0) {
                soTimeouts.add(timeout);
            }
            super.setSoTimeout(timeout);
        }
    }

    /** Accepts into a {@link RecordingSocket}. */
    private static final class RecordingServerSocket extends ServerSocket {
        RecordingServerSocket() throws IOException {
        }

        @Override
        public Socket accept() throws IOException {
            RecordingSocket s = new RecordingSocket();
            implAccept(s);
            return s;
        }
    }
}
