package dev.xtls.it.openssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS 1.3 (RFC 8446) against GnuTLS, both ways, with the default "TLS" Xtls contexts and GnuTLS restricted to 1.3:
 * the Xtls SSLSocket client against {@code gnutls-serv --echo}, and {@code gnutls-cli} against an Xtls
 * SSLServerSocket. Connections go to 127.0.0.1 only; every process and socket is bounded and stopped.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class XtlsGnuTlsTls13IT {
    private static final Duration WAIT = OpenSsl.DEFAULT_TIMEOUT;
    private static final String TLS13_ONLY = "NORMAL:-VERS-ALL:+VERS-TLS1.3";

    @TempDir
    static Path dir;
    static TestPki pki;
    static Path ca;
    static TestPki.PemFiles rsaPem;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "gnutls13-it");
        t.setDaemon(true);
        return t;
    });

    @BeforeAll
    static void setUp() {
        pki = TestPki.create();
        ca = pki.writeCaPem(dir);
        // RSA: gnutls-serv 3.7 rejects TestPki's EC PKCS#8 key file ("ASN1 parser: Element was not found")
        rsaPem = pki.writePem(dir, pki.rsa2048());
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void xtlsClientTalksTls13ToGnuTlsServ() throws Exception {
        int port = GnuTlsCli.freeLoopbackPort();
        Path out = dir.resolve("gnutls-serv-" + System.nanoTime() + ".out");
        // gnutls-serv has no bind-address option: it listens on every interface; the test connects to 127.0.0.1
        Process serv = new ProcessBuilder(GnuTlsCli.serverBinary(), "--port", Integer.toString(port), "--echo", "--priority",
                TLS13_ONLY, "--x509certfile", rsaPem.chain().toString(), "--x509keyfile",
                rsaPem.key().toString()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            String started = GnuTlsCli.awaitOutput(serv, out, "port " + port + "...done");
            assertTrue(serv.isAlive() && started.contains("IPv4 0.0.0.0 port " + port + "...done"),
                    "gnutls-serv did not start:\n" + started);
            SSLContext ctx = Peer.XTLS.context(Peer.TLS, pki);
            Socket plain = new Socket();
            plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) WAIT.toMillis());
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, "localhost", port, true)) {
                SSLParameters p = s.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                s.setSSLParameters(p);
                s.setSoTimeout((int) WAIT.toMillis());
                s.getOutputStream().write("hello 1.3\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                String echoed = new BufferedReader(new InputStreamReader(s.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                assertEquals("hello 1.3", echoed, OpenSsl.read(out));
                assertEquals("TLSv1.3", s.getSession().getProtocol());
            }
            String served = GnuTlsCli.awaitOutput(serv, out, "- Version: ");
            assertTrue(served.contains("- Version: TLS1.3"), served);
        } finally {
            OpenSsl.stop(serv);
        }
    }

    @Test
    void gnuTlsCliTalksTls13ToAnXtlsServer() throws Exception {
        SSLContext ctx = Peer.XTLS.context(Peer.TLS, pki, pki.ecdsaP256());
        try (SSLServerSocket server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            server.setSoTimeout((int) WAIT.toMillis());
            Future<String> served = threads.submit(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout((int) WAIT.toMillis());
                    String line = new BufferedReader(new InputStreamReader(s.getInputStream(),
                            StandardCharsets.US_ASCII)).readLine();
                    s.getOutputStream().write(("echo: " + line + "\n").getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    return s.getSession().getProtocol();
                }
            });
            String out = gnutlsCli(server.getLocalPort());
            assertEquals("TLSv1.3", served.get(WAIT.toSeconds(), TimeUnit.SECONDS), out);
            assertTrue(out.contains("(TLS1.3-X.509)"), out);
            assertTrue(out.contains("echo: hello"), out);
        }
    }

    /** gnutls-cli, 1.3 only, sends "hello", waits (bounded) for the echo, then its stdin closes. */
    private static String gnutlsCli(int port) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(GnuTlsCli.binary(), "-p", Integer.toString(port), "127.0.0.1",
                "--x509cafile", ca.toString(), "--verify-hostname", "localhost", "--sni-hostname", "localhost",
                "--priority", TLS13_ONLY));
        Path out = dir.resolve("gnutls-cli-" + System.nanoTime() + ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            GnuTlsCli.awaitOutput(p, out, "- Simple Client Mode");
            if (p.isAlive()) {
                p.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
                p.getOutputStream().flush();
            }
            GnuTlsCli.awaitOutput(p, out, "echo: hello");
            p.getOutputStream().close();
            p.waitFor(2, TimeUnit.SECONDS);
        } finally {
            OpenSsl.stop(p);
        }
        return OpenSsl.read(out);
    }
}
