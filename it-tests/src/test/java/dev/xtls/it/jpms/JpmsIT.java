package dev.xtls.it.jpms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.TestPki;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider jar is the module {@code dev.xtls} ({@code provides java.security.Provider}): a child JVM finds it
 * through {@code security.provider.13=Xtls} and {@code ServiceLoader} and runs an Xtls-to-Xtls handshake with it on
 * the class path, on the module path, and in a {@code jlink}ed runtime. Every child process is bounded in time.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class JpmsIT {
    static final int CHILD_SECONDS = 60;
    static final int JLINK_SECONDS = 180;

    @TempDir
    static Path dir;
    static Path keyStore;
    static Path trustStore;
    static Path securityFile;

    @BeforeAll
    static void writeStores() throws Exception {
        TestPki pki = TestPki.create();
        keyStore = store(pki.keyStore(pki.ecdsaP256()), dir.resolve("server.p12"));
        trustStore = store(pki.trustStore(), dir.resolve("trust.p12"));
        // README, "Registering the provider": a name instead of a class is looked up with ServiceLoader
        securityFile = Files.writeString(dir.resolve("xtls.security"), "security.provider.13=Xtls\n");
    }

    @Test
    void onTheClassPath() throws Exception {
        String cp = String.join(File.pathSeparator, testClasses(), providerJar(), bcJars());
        List<String> out = run(List.of(java(Path.of(System.getProperty("java.home"))), "-cp", cp));
        assertHandshake(out, "null");
    }

    @Test
    void onTheModulePath() throws Exception {
        List<String> out = run(List.of(java(Path.of(System.getProperty("java.home"))), "--module-path",
                providerJar() + File.pathSeparator + bcJars(), "--add-modules", "dev.xtls", "-cp", testClasses()));
        assertHandshake(out, "dev.xtls");
    }

    @Test
    void inAJlinkedRuntime() throws Exception {
        Path home = Path.of(System.getProperty("java.home"));
        Path image = dir.resolve("image");
        String modulePath = providerJar() + File.pathSeparator + bcJars();
        Path jmods = home.resolve("jmods"); // absent where the JDK links from its own run-time image (JEP 493)
        if (Files.isDirectory(jmods)) {
            modulePath += File.pathSeparator + jmods;
        }
        // jdk.crypto.ec: SunEC lives there on JDK 17, and jlink adds no service provider unless asked.
        // --ignore-signing-information: the Bouncy Castle jars are signed, and jlink links no signed jar otherwise.
        List<String> jlink = List.of(home.resolve("bin").resolve("jlink").toString(), "--module-path", modulePath,
                "--add-modules", "dev.xtls,jdk.crypto.ec", "--ignore-signing-information", "--no-header-files",
                "--no-man-pages", "--output", image.toString());
        Result linked = exec(jlink, JLINK_SECONDS);
        assertEquals(0, linked.exitCode, linked.describe());
        List<String> modules = exec(List.of(java(image), "--list-modules"), CHILD_SECONDS).lines();
        assertTrue(modules.stream().anyMatch(m -> m.startsWith("dev.xtls@") || m.equals("dev.xtls")),
                "the image lacks dev.xtls: " + modules);
        List<String> out = run(List.of(java(image), "-cp", testClasses()));
        assertHandshake(out, "dev.xtls");
    }

    private static void assertHandshake(List<String> out, String module) {
        String all = String.join("\n", out);
        assertTrue(out.contains("security-provider=Xtls"), all);
        assertTrue(out.contains("provider-module=" + module), all);
        assertTrue(out.contains("service-loader=true"), all);
        assertTrue(out.contains("socket-module=" + module), all);
        assertTrue(out.contains("protocol=TLSv1.3"), all);
        assertTrue(out.contains("reply=ping"), all);
        assertTrue(out.contains("server-saw=ping"), all);
    }

    /** {@code javaCommand} plus the security file and ModularHandshake's arguments; must exit 0. */
    private static List<String> run(List<String> javaCommand) throws Exception {
        List<String> cmd = new ArrayList<>(javaCommand);
        cmd.add(1, "-Djava.security.properties=" + securityFile);
        cmd.addAll(List.of(ModularHandshake.class.getName(), keyStore.toString(), trustStore.toString(),
                TestPki.PASSWORD));
        Result r = exec(cmd, CHILD_SECONDS);
        assertEquals(0, r.exitCode, r.describe());
        return r.lines();
    }

    private record Result(int exitCode, String output, List<String> command) {
        List<String> lines() {
            return output.lines().toList();
        }

        String describe() {
            return String.join(" ", command) + "\nexit " + exitCode + "\n" + output;
        }
    }

    private static Result exec(List<String> cmd, int seconds) throws Exception {
        Path log = Files.createTempFile(dir, "child", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                throw new AssertionError(String.join(" ", cmd) + " did not finish within " + seconds + " s\n"
                        + Files.readString(log));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8), cmd);
        } finally {
            p.destroyForcibly();
        }
    }

    private static String java(Path home) {
        return home.resolve("bin").resolve("java").toString();
    }

    private static String testClasses() throws Exception {
        return Path.of(ModularHandshake.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
    }

    /** The provider as the build made it (the reactor's jar in verify), never its test-jar. */
    private static String providerJar() {
        return onClassPath("xtls-provider-").stream().filter(e -> !e.endsWith("-tests.jar")).findFirst()
                .orElseThrow(() -> new AssertionError("no xtls-provider jar on " + classPathEntries()));
    }

    /** The Bouncy Castle jars the provider needs, each a named module. */
    private static String bcJars() {
        return Arrays.stream(new String[] {"bcprov-jdk18on-", "bcpkix-jdk18on-", "bcutil-jdk18on-"})
                .map(prefix -> onClassPath(prefix).stream().findFirst()
                        .orElseThrow(() -> new AssertionError("no " + prefix + " jar on " + classPathEntries())))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static List<String> onClassPath(String fileNamePrefix) {
        return classPathEntries().stream().filter(e -> Path.of(e).getFileName().toString().startsWith(fileNamePrefix)
                && e.endsWith(".jar")).toList();
    }

    private static List<String> classPathEntries() {
        return List.of(System.getProperty("java.class.path").split(File.pathSeparator));
    }

    private static Path store(KeyStore ks, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, TestPki.PASSWORD.toCharArray());
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
        return file;
    }
}
