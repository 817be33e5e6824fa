package dev.xtls.it.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The README's demo ({@code dev.xtls.tools.Demo}) in a child JVM: it ends by itself and reports both clients. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DemoIT {

    @Test
    void theDemoFetchesWithBothClientsAndEndsByItself(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("demo.out");
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.xtls.tools.Demo")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(demo.waitFor(60, TimeUnit.SECONDS), "the demo was still running after 60 s");
        } finally {
            demo.destroyForcibly();
        }
        String out = Files.readString(log);
        assertEquals(0, demo.exitValue(), out);
        for (String expected : List.of("HttpsURLConnection: 200 hello from Xtls",
                "java.net.http.HttpClient: 200 hello from Xtls", "protocol             TLSv1.2",
                "ALPN                 none", "ALPN                 http/1.1", "SNI (server saw)     localhost",
                "key exchange group   x25519", "(EC key)", "(RSA key)", "handshake, as the server saw it:",
                "ClientHello                  -------->", "<--------      ServerHelloDone")) {
            assertTrue(out.contains(expected), () -> "\"" + expected + "\" not in:\n" + out);
        }
    }
}
