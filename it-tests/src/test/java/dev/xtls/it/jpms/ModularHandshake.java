package dev.xtls.it.jpms;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Child-JVM program of {@link JpmsIT}, using JDK APIs only: finds the "Xtls" provider through the JVM's security
 * configuration and through {@code ServiceLoader}, then runs one TLS handshake and an echoed line between an Xtls
 * server socket and an Xtls client socket on 127.0.0.1, printing {@code key=value} lines for the test to check.
 * Arguments: key store (PKCS#12, a server key), trust store (PKCS#12), their password.
 */
public final class ModularHandshake {
    private ModularHandshake() {
    }

    public static void main(String[] args) throws Exception {
        char[] password = args[2].toCharArray();
        Provider xtls = Security.getProvider("Xtls");
        System.out.println("security-provider=" + (xtls == null ? "none" : xtls.getName()));
        System.out.println("provider-module=" + xtls.getClass().getModule().getName());
        System.out.println("service-loader=" + ServiceLoader.load(Provider.class).stream()
                .anyMatch(p -> p.type().getName().equals(xtls.getClass().getName())));

        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(load(args[0], password), password);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(load(args[1], password));
        SSLContext server = SSLContext.getInstance("TLS", xtls);
        server.init(kmf.getKeyManagers(), null, null);
        SSLContext client = SSLContext.getInstance("TLS", xtls);
        client.init(null, tmf.getTrustManagers(), null);

        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> echoOnce(listener));
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(
                    InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                socket.setSoTimeout(20_000);
                socket.startHandshake();
                System.out.println("socket-module=" + socket.getClass().getModule().getName());
                System.out.println("protocol=" + socket.getSession().getProtocol());
                OutputStream out = socket.getOutputStream();
                out.write("ping\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8));
                System.out.println("reply=" + in.readLine());
            }
            System.out.println("server-saw=" + served.get(20, TimeUnit.SECONDS));
        }
    }

    private static String echoOnce(SSLServerSocket listener) {
        try {
            listener.setSoTimeout(20_000);
            try (SSLSocket s = (SSLSocket) listener.accept()) {
                s.setSoTimeout(20_000);
                String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
                s.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
                s.getOutputStream().flush();
                return line;
            }
        } catch (Exception e) {
            throw new IllegalStateException("server side failed", e);
        }
    }

    private static KeyStore load(String file, char[] password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(file)) {
            ks.load(in, password);
        }
        return ks;
    }
}
