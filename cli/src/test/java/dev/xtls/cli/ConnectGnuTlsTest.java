package dev.xtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.Tools;
import dev.xtls.testing.TestPki;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code xtls connect} against {@code gnutls-serv --http} (Debian gnutls-bin). */
class ConnectGnuTlsTest {
    @TempDir
    static Path dir;
    private static TestPki.PemFiles rsa;
    private static Path ca;

    @BeforeAll
    static void pki() {
        TestPki pki = TestPki.create();
        // RSA: gnutls-serv 3.7 rejects TestPki's EC PKCS#8 key file ("ASN1 parser: Element was not found")
        rsa = pki.writePem(dir, pki.rsa2048());
        ca = pki.writeCaPem(dir);
    }

    /** gnutls-serv has no bind-address option (it listens on every interface); the CLI connects to 127.0.0.1. */
    private static ToolProcess gnutlsServ(int port, String priority) throws Exception {
        ToolProcess p = new ToolProcess(dir, List.of(Tools.require("gnutls-serv", "gnutls-bin"), "--http",
                "--port", Integer.toString(port), "--priority", priority, "--x509certfile", rsa.chain().toString(),
                "--x509keyfile", rsa.key().toString()));
        try {
            p.await(Pattern.compile("IPv4 0\\.0\\.0\\.0 port " + port + "\\.\\.\\.done"));
            return p;
        } catch (RuntimeException | Error | InterruptedException e) {
            p.close();
            throw e;
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void tls13ReconnectResumes() throws Exception {
        int port = freePort();
        try (ToolProcess server = gnutlsServ(port, "NORMAL")) {
            CliRun run = CliRun.of("connect", "127.0.0.1:" + port, "--servername", "localhost", "--cafile",
                    ca.toString(), "--reconnect", "--get", "/");
            assertEquals(XtlsCli.OK, run.exitCode(), run.toString() + server.output());
            assertEquals("TLSv1.3", run.field("protocol"), run.toString());
            assertTrue(run.out().contains("certificate validation: trusted"), run.toString());
            assertTrue(run.out().contains("HTTP/1.0 200 OK"), run.toString());
            assertTrue(run.out().contains("Reused, the session was resumed"), run.toString());
        }
    }

    @Test
    void tls12() throws Exception {
        int port = freePort();
        try (ToolProcess server = gnutlsServ(port, "NORMAL:-VERS-ALL:+VERS-TLS1.2")) {
            CliRun run = CliRun.of("connect", "127.0.0.1:" + port, "--servername", "localhost", "--cafile",
                    ca.toString(), "--reconnect");
            assertEquals(XtlsCli.OK, run.exitCode(), run.toString() + server.output());
            assertEquals("TLSv1.2", run.field("protocol"), run.toString());
            assertEquals("yes (RFC 7627)", run.field("extended master"), run.toString());
            assertTrue(run.out().contains("Reused, the session was resumed"), run.toString());
        }
    }
}
