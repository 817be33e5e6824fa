package dev.xtls.it.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.XtlsProvider;
import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The legacy swap: {@link LegacyHttpsGet}, unchanged, runs in a child JVM whose {@code java.security} override puts
 * Xtls first, and its request to a SunJSSE {@code HttpsServer} in this JVM goes through Xtls. The same program
 * without the override is the control: SunJSSE, and no SNI for "localhost".
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LegacySwapIT {
    static final long CHILD_SECONDS = 60;

    @TempDir
    static Path dir;
    static TestPki pki;
    static Path trustStore;

    @BeforeAll
    static void setUp() throws Exception {
        pki = TestPki.create();
        trustStore = dir.resolve("truststore.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            pki.trustStore().store(out, TestPki.PASSWORD.toCharArray());
        }
    }

    /** DEFAULT: the child's default context negotiates TLS 1.3; TLS12: forced by jdk.tls.client.protocols. */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void anUnmodifiedProgramFetchesThroughXtlsWhenJavaSecurityListsItFirst(TlsVersion version) throws Exception {
        Path props = dir.resolve("xtls-first.security");
        Files.writeString(props, xtlsFirst(), StandardCharsets.ISO_8859_1);
        List<String> options = new ArrayList<>(List.of("-Djava.security.properties=" + props));
        if (version == TlsVersion.TLS12) {
            options.add("-Djdk.tls.client.protocols=TLSv1.2");
        }
        try (JdkHttpsServer server = JdkHttpsServer.start(Peer.SUN.context(Peer.TLS, pki, pki.ecdsaP256()))) {
            Map<String, String> out = runChild(server.port(), options.toArray(String[]::new));
            assertEquals("200", out.get("status"), out.toString());
            assertEquals("GET /legacy ", out.get("body"), out.toString());
            assertEquals("Xtls", out.get("default context provider"), out.toString());
            assertTrue(out.get("default socket factory").startsWith("dev.xtls."), out.toString());
            assertEquals("dev.xtls.jsse.XtlsSession", out.get("session class"), out.toString());
            // the server saw Xtls's ClientHello: SNI for the dotless "localhost", which SunJSSE never sends
            SSLSession session = server.nextSession();
            assertEquals(List.of(new SNIHostName("localhost")),
                    ((ExtendedSSLSession) session).getRequestedServerNames());
            assertEquals(session.getCipherSuite(), out.get("cipher suite"));
            assertEquals(version.negotiated, session.getProtocol());
        }
    }

    @Test
    void withoutTheOverrideTheSameProgramUsesSunJsse() throws Exception {
        try (JdkHttpsServer server = JdkHttpsServer.start(Peer.SUN.context(pki, pki.ecdsaP256()))) {
            Map<String, String> out = runChild(server.port());
            assertEquals("200", out.get("status"), out.toString());
            assertEquals("SunJSSE", out.get("default context provider"), out.toString());
            assertTrue(out.get("session class").startsWith("sun.security.ssl."), out.toString());
            assertEquals(List.of(), ((ExtendedSSLSession) server.nextSession()).getRequestedServerNames());
        }
    }

    /** Xtls as provider 1 and every JDK provider one place down, as the README says: none is replaced. */
    static String xtlsFirst() {
        StringBuilder s = new StringBuilder("security.provider.1=" + XtlsProvider.class.getName() + "\n");
        for (int i = 1; Security.getProperty("security.provider." + i) != null; i++) {
            s.append("security.provider.").append(i + 1).append('=')
                    .append(Security.getProperty("security.provider." + i)).append('\n');
        }
        return s.toString();
    }

    /** Runs LegacyHttpsGet against the server; its "key: value" lines. */
    static Map<String, String> runChild(int port, String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.add("-Djavax.net.ssl.trustStore=" + trustStore);
        command.add("-Djavax.net.ssl.trustStorePassword=" + TestPki.PASSWORD);
        command.add("-Djavax.net.ssl.trustStoreType=PKCS12");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LegacyHttpsGet.class.getName(),
                "https://localhost:" + port + "/legacy"));
        Path log = Files.createTempFile(dir, "child", ".out");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!child.waitFor(CHILD_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("the child JVM did not finish within " + CHILD_SECONDS + " s: "
                        + Files.readString(log));
            }
        } finally {
            child.destroyForcibly();
        }
        String text = Files.readString(log);
        assertEquals(0, child.exitValue(), text);
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                out.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return out;
    }
}
