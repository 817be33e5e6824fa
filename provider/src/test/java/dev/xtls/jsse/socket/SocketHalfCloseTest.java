package dev.xtls.jsse.socket;

import static dev.xtls.jsse.socket.Loopback.await;
import static dev.xtls.jsse.socket.Loopback.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * shutdownOutput()/shutdownInput() on sockets, each side Xtls or SunJSSE, compared with what two SunJSSE sockets
 * do: under TLS 1.3 shutdownOutput() is a half-close (RFC 8446 §6.1), the peer reads -1 and may still write;
 * under TLS 1.2 the peer answers close_notify and can write no more. shutdownInput() before the peer's
 * close_notify throws SSLException on both, and what the peer sees then is compared.
 */
class SocketHalfCloseTest {
    private static final String[] TLS13_SUITES = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"};
    private static final byte[] LATE = "late".getBytes(StandardCharsets.US_ASCII);
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

    /** What a scenario showed: what the closer read afterwards, and how the other side's late write went. */
    private record Outcome(String closerRead, String otherWrite) {
    }

    private interface Scenario {
        Outcome run(SSLSocket closer, SSLSocket other) throws Exception;
    }

    /** {@code closerIsClient}: which socket the scenario closes; both on TLS {@code protocol} only. */
    private Outcome run(Peer clientPeer, Peer serverPeer, String protocol, boolean closerIsClient,
            Scenario scenario) throws Exception {
        SSLContext serverCtx = serverPeer.context(pki, pki.ecdsaP256());
        try (SSLServerSocket server = (SSLServerSocket) serverCtx.getServerSocketFactory().createServerSocket()) {
            server.bind(new InetSocketAddress(Loopback.loopback(), 0), 4);
            server.setSoTimeout(Loopback.TIMEOUT_MS);
            server.setEnabledProtocols(new String[] {protocol});
            Future<SSLSocket> accepted = loopback.background(() -> {
                SSLSocket s = withTls13Suites((SSLSocket) server.accept());
                s.setSoTimeout(Loopback.TIMEOUT_MS);
                s.startHandshake();
                return s;
            });
            try (SSLSocket c = connect(clientPeer.context(pki), server.getLocalPort())) {
                c.setEnabledProtocols(new String[] {protocol});
                withTls13Suites(c);
                c.startHandshake();
                try (SSLSocket s = await(accepted)) {
                    assertEquals(protocol, c.getSession().getProtocol());
                    return closerIsClient ? scenario.run(c, s) : scenario.run(s, c);
                }
            }
        }
    }

    /** A test context may leave the TLS 1.3 suites out of the enabled ones; they are added. */
    private static SSLSocket withTls13Suites(SSLSocket s) {
        List<String> suites = new ArrayList<>(List.of(s.getEnabledCipherSuites()));
        Stream.of(TLS13_SUITES).filter(x -> !suites.contains(x)).forEach(suites::add);
        s.setEnabledCipherSuites(suites.toArray(new String[0]));
        return s;
    }

    /** The closer shuts its output; the other reads to -1, writes and closes; the closer reads what comes. */
    private Outcome halfClose(SSLSocket closer, SSLSocket other) throws Exception {
        closer.shutdownOutput();
        assertEquals(-1, other.getInputStream().read(), "close_notify ends the other side's stream");
        String written = write(other);
        other.close();
        return new Outcome(readAll(closer), written);
    }

    /** The closer shuts its input before the other's close_notify, writes and closes; the other reads all. */
    private Outcome inputShutBeforeCloseNotify(SSLSocket closer, SSLSocket other) throws Exception {
        String thrown;
        try {
            closer.shutdownInput();
            thrown = "nothing";
        } catch (SSLException e) {
            thrown = "SSLException";
        }
        String written = write(closer);
        closer.close();
        return new Outcome(thrown + ", then the other read " + readAll(other), written);
    }

    private static String write(SSLSocket s) {
        try {
            s.getOutputStream().write(LATE);
            s.getOutputStream().flush();
            return "written";
        } catch (IOException e) {
            return "refused";
        }
    }

    private static String readAll(SSLSocket s) {
        StringBuilder out = new StringBuilder();
        try {
            InputStream in = s.getInputStream();
            for (int i = 0; i < 64; i++) {
                int b = in.read();
                if (b < 0) {
                    return out.append("<eof>").toString();
                }
                out.append((char) b);
            }
            return out.append("<more>").toString();
        } catch (IOException e) {
            return out.append("<").append(e instanceof SSLException ? "SSLException" : "IOException").append(">")
                    .toString();
        }
    }

    @ParameterizedTest(name = "{0} client, {1} server, {2}, client closes: {3}")
    @CsvSource({"XTLS, SUN, TLSv1.3, true", "XTLS, SUN, TLSv1.3, false", "SUN, XTLS, TLSv1.3, true",
            "SUN, XTLS, TLSv1.3, false", "XTLS, XTLS, TLSv1.3, true", "SUN, SUN, TLSv1.3, true"})
    void shutdownOutputIsAHalfCloseInTls13(Peer client, Peer server, String protocol, boolean clientCloses)
            throws Exception {
        Outcome o = run(client, server, protocol, clientCloses, this::halfClose);
        assertEquals(new Outcome("late<eof>", "written"), o, "§6.1: the other side writes on, then closes");
    }

    @ParameterizedTest(name = "{0} client, {1} server, {2}, client closes: {3}")
    @CsvSource({"XTLS, SUN, TLSv1.2, true", "XTLS, SUN, TLSv1.2, false", "SUN, XTLS, TLSv1.2, true",
            "SUN, XTLS, TLSv1.2, false", "XTLS, XTLS, TLSv1.2, true", "SUN, SUN, TLSv1.2, true"})
    void shutdownOutputIsAnsweredInTls12(Peer client, Peer server, String protocol, boolean clientCloses)
            throws Exception {
        Outcome o = run(client, server, protocol, clientCloses, this::halfClose);
        assertEquals(new Outcome("<eof>", "refused"), o, "RFC 5246 §7.2.1: answered with close_notify");
    }

    @ParameterizedTest(name = "{0} closes input, {1}, {2}")
    @CsvSource({"XTLS, TLSv1.3, true", "XTLS, TLSv1.3, false", "XTLS, TLSv1.2, true", "XTLS, TLSv1.2, false"})
    void shutdownInputBeforeCloseNotifyAsSunJsse(Peer closer, String protocol, boolean closerIsClient)
            throws Exception {
        Outcome sun = run(Peer.SUN, Peer.SUN, protocol, closerIsClient, this::inputShutBeforeCloseNotify);
        Outcome xtls = closerIsClient
                ? run(closer, Peer.SUN, protocol, true, this::inputShutBeforeCloseNotify)
                : run(Peer.SUN, closer, protocol, false, this::inputShutBeforeCloseNotify);
        assertEquals(sun, xtls);
    }
}
