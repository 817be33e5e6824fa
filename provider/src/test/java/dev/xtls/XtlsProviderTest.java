package dev.xtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.jsse.XtlsSSLContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XtlsProviderTest {
    @Test
    void namesItselfXtlsWithAVersionAndADescription() {
        Provider p = new XtlsProvider();
        assertEquals("Xtls", p.getName());
        assertEquals(XtlsProvider.VERSION, p.getVersionStr());
        assertTrue(p.getInfo().contains("TLS"));
        for (String algorithm : List.of("TLSv1.2", "TLS", "Default")) {
            Provider.Service s = p.getService("SSLContext", algorithm);
            assertNotNull(s, algorithm);
            assertEquals(XtlsSSLContext.class.getName(), s.getClassName());
        }
        assertEquals("TLS", p.getService("SSLContext", "SSL").getAlgorithm());
    }

    @Test
    void servesTls12ContextsByNameOnceInsertedIntoSecurity() throws Exception {
        int position = Security.insertProviderAt(new XtlsProvider(), Security.getProviders().length + 1);
        assertTrue(position > 0);
        try {
            SSLContext c = SSLContext.getInstance("TLSv1.2", "Xtls");
            assertEquals("Xtls", c.getProvider().getName());
            assertEquals("TLSv1.2", c.getProtocol());
            c.init(null, new TrustManager[0], null);
            SSLEngine e = c.createSSLEngine("example.com", 443);
            assertEquals("dev.xtls.jsse.XtlsSSLEngine", e.getClass().getName());
            assertEquals("Xtls", SSLContext.getInstance("TLS", "Xtls").getProvider().getName());
            assertEquals("Xtls", SSLContext.getInstance("SSL", "Xtls").getProvider().getName());
        } finally {
            Security.removeProvider("Xtls");
        }
    }

    @Test
    void serviceLoaderFindsTheProvider() {
        List<String> names = new ArrayList<>();
        for (Provider p : ServiceLoader.load(Provider.class)) {
            names.add(p.getName());
        }
        assertTrue(names.contains("Xtls"), names.toString());
    }

    @Test
    void aProviderInstanceServesContextsWithoutRegistration() throws Exception {
        SSLContext c = SSLContext.getInstance("TLSv1.2", new XtlsProvider());
        assertInstanceOf(Provider.class, c.getProvider());
        assertEquals("Xtls", c.getProvider().getName());
    }

    /**
     * A JVM whose java.security lists Xtls first takes SSLContext.getDefault() from it. The other providers keep
     * their order one place down, so the JDK's own KeyStore and CertificateFactory stay available.
     */
    @Test
    void aJvmWithXtlsFirstInJavaSecurityGetsItsDefaultContextFromXtls(@TempDir Path dir)
            throws IOException, InterruptedException {
        StringBuilder props = new StringBuilder("security.provider.1=" + XtlsProvider.class.getName() + "\n");
        for (int i = 1; Security.getProperty("security.provider." + i) != null; i++) {
            props.append("security.provider.").append(i + 1).append('=')
                    .append(Security.getProperty("security.provider." + i)).append('\n');
        }
        Path file = dir.resolve("xtls.security");
        Files.writeString(file, props.toString(), StandardCharsets.ISO_8859_1);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(),
                "-Djava.security.properties=" + file,
                "-cp", System.getProperty("java.class.path"),
                PrintDefaultContextProvider.class.getName())
                .redirectErrorStream(true).start();
        try {
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("child JVM did not finish within 60 s");
            }
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertEquals(0, child.exitValue(), out);
            assertEquals("Xtls", out);
        } finally {
            child.destroyForcibly();
        }
    }
}
