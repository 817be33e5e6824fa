package dev.xtls.it.fleet;

import dev.xtls.it.openssl.TlsEchoServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * One server of a fleet, run as its own JVM by {@link FleetServer}: serves TLS 1.2 with an Xtls SSLContext whose key
 * comes from a PKCS#12 file (args: file, password), answering each connection's line with "echo: LINE". Ticket keys
 * and the shared session cache come from the -Ddev.xtls.* properties it was started with. Prints "LISTENING PORT"
 * once it accepts, and stops when its stdin ends (or when it is destroyed).
 */
public final class FleetServerMain {
    static final String LISTENING = "LISTENING ";

    private FleetServerMain() {
    }

    public static void main(String[] args) throws Exception {
        SSLContext ctx = context(Path.of(args[0]), args[1].toCharArray());
        try (TlsEchoServer server = TlsEchoServer.start(ctx)) {
            System.out.println(LISTENING + server.port());
            System.out.flush();
            InputStream stdin = System.in;
            while (stdin.read() != -1) {
                // nothing to read: the parent closing stdin is the signal to stop
            }
            server.failures().forEach(f -> System.err.println("connection failed: " + f));
        }
    }

    private static SSLContext context(Path pkcs12, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pkcs12)) {
            ks.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, password);
        Provider xtls;
        try {
            xtls = (Provider) Class.forName("dev.xtls.XtlsProvider").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the Xtls provider is not on the class path", e);
        }
        SSLContext ctx = SSLContext.getInstance("TLSv1.2", xtls);
        ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
        return ctx;
    }
}
