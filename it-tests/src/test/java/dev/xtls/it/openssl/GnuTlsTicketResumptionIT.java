package dev.xtls.it.openssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gnutls-cli --resume} against an Xtls server: GnuTLS connects, closes, and comes back with what it kept
 * (RFC 5077 ticket, which GnuTLS offers by default). Only 127.0.0.1; the client process is bounded.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GnuTlsTicketResumptionIT {
    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create();
    }

    @Test
    void gnuTlsResumesWithAnXtlsServer() throws Exception {
        Path keys = TicketKeyFile.write(dir.resolve("gnutls.key"), TicketKeyFile.newKey());
        try (TlsEchoServer server = TlsEchoServer.start(OpenSslTicketResumptionIT.xtlsServer(pki, keys))) {
            GnuTlsCli.Result r = GnuTlsCli.run(server.port(), pki.writeCaPem(dir),
                    "hello\n".getBytes(StandardCharsets.US_ASCII), "--resume");
            assertEquals(0, r.exitCode(), r.describe());
            assertTrue(r.stdout().contains("This is a resumed session"), r.describe());
        }
    }
}
