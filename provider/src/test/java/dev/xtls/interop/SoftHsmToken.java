package dev.xtls.interop;

import dev.xtls.testing.Credential;
import dev.xtls.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A fresh SoftHSM2 token (Debian package {@code softhsm2}) reached through the JDK's SunPKCS11, for tests with
 * keys that never leave a PKCS#11 token. SoftHSM reads its configuration file from the environment variable
 * {@code SOFTHSM2_CONF} of this JVM, which the provider pom sets for Surefire; the file written there puts the
 * token directory in {@code dir}. The library is loaded once per JVM, so one token serves a whole test run.
 */
final class SoftHsmToken {
    static final String PIN = "1234";
    private static final String SO_PIN = "5678";
    private static final List<String> LIBRARIES = List.of("/usr/lib/softhsm/libsofthsm2.so",
            "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so", "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
            "/usr/lib64/pkcs11/libsofthsm2.so", "/usr/local/lib/softhsm/libsofthsm2.so");
    private static final Pattern SLOT = Pattern.compile("reassigned to slot (\\d+)");

    private final Provider provider;
    private final KeyStore keyStore;

    private SoftHsmToken(Provider provider, KeyStore keyStore) {
        this.provider = provider;
        this.keyStore = keyStore;
    }

    /** Initialises token "xtls" (PIN {@value #PIN}) in {@code dir} and opens it; the provider is not registered. */
    static SoftHsmToken create(Path dir) throws Exception {
        String confVariable = System.getenv("SOFTHSM2_CONF");
        if (confVariable == null) {
            throw new IllegalStateException("SOFTHSM2_CONF is not set: run through Maven (the provider pom sets it)");
        }
        Path conf = Path.of(confVariable);
        Path tokens = Files.createDirectories(dir.resolve("tokens"));
        Files.createDirectories(conf.toAbsolutePath().getParent());
        Files.writeString(conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                + "log.level = ERROR\nslots.removable = false\n", StandardCharsets.US_ASCII);
        String out = run(conf, Tools.require("softhsm2-util", "softhsm2"), "--init-token", "--free", "--label", "xtls", "--pin", PIN,
                "--so-pin", SO_PIN);
        Matcher slot = SLOT.matcher(out);
        if (!slot.find()) {
            throw new IllegalStateException("softhsm2-util named no slot: " + out);
        }
        // Imported private keys stay in the token: sensitive, not extractable (getEncoded() is null).
        String config = "--name=xtls\nlibrary=" + library() + "\nslot=" + slot.group(1) + "\n"
                + "attributes(*,CKO_PRIVATE_KEY,*) = {\n  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n}\n";
        Provider p = Security.getProvider("SunPKCS11").configure(config);
        KeyStore ks = KeyStore.getInstance("PKCS11", p);
        ks.load(null, PIN.toCharArray());
        return new SoftHsmToken(p, ks);
    }

    /** The configured SunPKCS11 provider ("SunPKCS11-xtls"). */
    Provider provider() {
        return provider;
    }

    /** Stores the key and chain in the token under the credential's name. */
    void importCredential(Credential c) throws GeneralSecurityException {
        keyStore.setKeyEntry(c.name(), c.key(), null, c.chain());
    }

    /** SunJSSE's PKIX key manager over the token's key store. */
    X509ExtendedKeyManager keyManager() throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX", "SunJSSE");
        kmf.init(keyStore, PIN.toCharArray());
        for (KeyManager km : kmf.getKeyManagers()) {
            if (km instanceof X509ExtendedKeyManager x) {
                return x;
            }
        }
        throw new IllegalStateException("no X509ExtendedKeyManager");
    }

    /** libsofthsm2.so from the usual places, else from {@code dpkg -L libsofthsm2}. */
    static String library() throws IOException, InterruptedException {
        for (String candidate : LIBRARIES) {
            if (Files.isReadable(Path.of(candidate))) {
                return candidate;
            }
        }
        String listed = run(null, "dpkg", "-L", "libsofthsm2");
        return Stream.of(listed.split("\n")).filter(l -> l.endsWith("/libsofthsm2.so")).findFirst()
                .orElseThrow(() -> new IllegalStateException("libsofthsm2.so not found: apt-get install softhsm2"));
    }

    private static String run(Path conf, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (conf != null) {
            pb.environment().put("SOFTHSM2_CONF", conf.toString());
        }
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException(command[0] + " is not installed: apt-get install softhsm2", e);
        }
        process.getOutputStream().close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in 20 s");
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
