package dev.xtls.it.fleet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.it.openssl.OpenSslClient;
import dev.xtls.testing.TestPki;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;

/** What the fleet tests share: the server credential as a PKCS#12 file for the server JVMs, and s_client to them. */
final class Fleet {
    private static final byte[] LINE = "fleet\n".getBytes(StandardCharsets.US_ASCII);

    final TestPki pki = TestPki.create();
    final Path dir;
    final Path pkcs12;
    final Path ca;

    Fleet(Path dir) {
        this.dir = dir;
        this.ca = pki.writeCaPem(dir);
        this.pkcs12 = dir.resolve("server.p12");
        try (OutputStream out = Files.newOutputStream(pkcs12)) {
            pki.keyStore(pki.ecdsaP256()).store(out, TestPki.PASSWORD.toCharArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server JVM presenting the ECDSA P-256 certificate, with {@code properties} (-D). */
    FleetServer server(String name, Map<String, String> properties) {
        return FleetServer.start(name, dir, pkcs12, TestPki.PASSWORD, properties);
    }

    /** {@code s_client} to {@code server}, verifying it, one line echoed; {@code sessionArgs} e.g. -sess_in FILE. */
    OpenSslClient.Result connect(FleetServer server, String... sessionArgs) {
        OpenSslClient.Result r = OpenSslClient.connect(server.port()).caFile(ca).stdin(LINE).extraArgs(sessionArgs)
                .run();
        assertTrue(r.handshakeCompleted() && r.stdout().contains("echo: fleet"), r.describe() + "\n"
                + server.describe());
        return r;
    }
}
