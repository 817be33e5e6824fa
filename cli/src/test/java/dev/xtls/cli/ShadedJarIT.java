package dev.xtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code target/xtls.jar} alone on the class path (java -jar): Xtls and Bouncy Castle are inside and
 * work with BC's jar signatures stripped; serve and connect complete handshakes, main's exit codes reach the shell.
 */
class ShadedJarIT {
    private static final Path JAR = Path.of(System.getProperty("xtls.cli.jar", "target/xtls.jar"));
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    private ToolProcess xtls(String... args) throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " missing: run mvn package first");
        List<String> cmd = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        return new ToolProcess(dir, cmd);
    }

    @Test
    void helpExitsZero() throws Exception {
        try (ToolProcess help = xtls("--help")) {
            assertEquals(0, help.awaitExit(), help.output());
            assertTrue(help.output().contains("usage: xtls <command>"), help.output());
        }
    }

    @Test
    void connectFromTheJarToServeFromTheJar() throws Exception {
        try (ToolProcess serve = xtls("serve", "--port", "0")) {
            int port = serve.awaitPort();
            try (ToolProcess connect = xtls("connect", "127.0.0.1:" + port, "--servername", "localhost",
                    "--insecure", "--alpn", "h2,http/1.1", "--get", "/from-the-jar")) {
                assertEquals(XtlsCli.OK, connect.awaitExit(), connect.output());
                String out = connect.output();
                assertTrue(out.contains("request              GET /from-the-jar HTTP/1.1"), out);
                assertTrue(out.contains("  protocol           TLSv1.3"), out);
                assertTrue(out.contains("  ALPN               h2, http/1.1"), out);
            }
            try (ToolProcess untrusted = xtls("connect", "127.0.0.1:" + port, "--servername", "localhost")) {
                assertEquals(XtlsCli.HANDSHAKE_FAILED, untrusted.awaitExit(), untrusted.output());
                assertTrue(untrusted.output().contains("certificate validation: NOT trusted"), untrusted.output());
            }
        }
    }

    @Test
    void usageErrorExitsTwo() throws Exception {
        try (ToolProcess bad = xtls("connect")) {
            assertEquals(XtlsCli.USAGE, bad.awaitExit(), bad.output());
            assertTrue(bad.output().contains("xtls: missing HOST:PORT"), bad.output());
        }
    }
}
