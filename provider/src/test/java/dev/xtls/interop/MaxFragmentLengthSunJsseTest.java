package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * max_fragment_length (RFC 6066 §4) with SunJSSE in both roles, TLS 1.2 and 1.3: the client's 1024-byte maximum
 * packet size asks for 2^9 (jsse.enableMFLNExtension=true, in a JVM of its own: SunJSSE reads it once); every
 * record after the ClientHello, both ways, then carries at most 512 bytes of plaintext (on the wire: 512 plus
 * at most 24 bytes of GCM nonce and tag), and the Xtls session reports 512 as its application buffer size.
 */
class MaxFragmentLengthSunJsseTest {
    private static final Pattern LINE = Pattern.compile(
            "(\\S+) (TLSv1\\.[23]) client=(\\d+) server=(\\d+) clientApp=(\\d+) serverApp=(\\d+)");
    private static final int LARGEST_FRAGMENT = 512 + 24;
    private static List<Matcher> lines;

    @BeforeAll
    static void runInOwnJvm() throws IOException, InterruptedException {
        Path out = Files.createTempFile("mfl-run", ".txt");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djsse.enableMFLNExtension=true"));
        String policy = System.getProperty("java.security.properties");
        if (policy != null) {
            cmd.add("-Djava.security.properties=" + policy);
        }
        cmd.add(MaxFragmentLengthRun.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            boolean done = p.waitFor(120, TimeUnit.SECONDS);
            String output = Files.readString(out, StandardCharsets.UTF_8);
            assertTrue(done && p.exitValue() == 0, "the forked run failed or timed out:\n" + output);
            lines = output.lines().map(LINE::matcher).filter(Matcher::matches).toList();
            assertEquals(4, lines.size(), output);
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(out);
        }
    }

    private static Matcher line(String peers, String protocol) {
        return lines.stream().filter(m -> m.group(1).equals(peers) && m.group(2).equals(protocol)).findFirst()
                .orElseThrow();
    }

    private static void assertFragmentsAndBuffers(Matcher m) {
        String all = m.group(0);
        assertTrue(Integer.parseInt(m.group(3)) <= LARGEST_FRAGMENT, all);
        assertTrue(Integer.parseInt(m.group(4)) <= LARGEST_FRAGMENT, all);
        // the Xtls side's; SunJSSE's answers from its packet size as well
        assertEquals("512", m.group(1).startsWith("XTLS") ? m.group(5) : m.group(6), all);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void sunJsseClientGetsItsMaxFragmentLengthFromAnXtlsServer(String protocol) {
        assertFragmentsAndBuffers(line("SUN->XTLS", protocol));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void xtlsClientGetsItsMaxFragmentLengthFromASunJsseServer(String protocol) {
        assertFragmentsAndBuffers(line("XTLS->SUN", protocol));
    }
}
