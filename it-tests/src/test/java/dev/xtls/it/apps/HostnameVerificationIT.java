package dev.xtls.it.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.it.openssl.OpenSslServer;
import dev.xtls.testing.Credential;
import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Host-name verification as applications get it, with a plain delegating {@code X509TrustManager} (the shape of
 * composite, pinning and reloadable managers): {@code HttpsURLConnection} with the default host name verifier,
 * {@code java.net.http.HttpClient}, and an {@code SSLSocket} with endpoint identification "HTTPS" or "LDAPS",
 * against {@code openssl s_server -www} and the JDK's {@code HttpsServer}. Every case runs on SunJSSE and on Xtls
 * and must get the same verdict.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HostnameVerificationIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final List<Peer> PROVIDERS = List.of(Peer.SUN, Peer.XTLS);
    static TestPki pki;

    @TempDir
    Path dir;

    @BeforeAll
    static void createPki() {
        pki = TestPki.create();
    }

    /** The server side, always presenting the given certificate on 127.0.0.1. */
    enum Server {
        OPENSSL_S_SERVER, JDK_HTTPS_SERVER;

        AutoCloseable start(Credential credential, Path dir, int[] port) throws IOException {
            if (this == OPENSSL_S_SERVER) {
                OpenSslServer s = OpenSslServer.builder(pki.writePem(dir, credential)).start();
                port[0] = s.port();
                return s;
            }
            JdkHttpsServer s = JdkHttpsServer.start(Peer.SUN.context(pki, credential));
            port[0] = s.port();
            return s;
        }
    }

    /** How the application connects; each GETs "/" and returns the HTTP status. */
    enum Client {
        HTTPS_URL_CONNECTION {
            @Override
            int get(SSLContext context, String host, int port) throws IOException {
                HttpsURLConnection c = (HttpsURLConnection) new URL("https://" + host + ":" + port + "/")
                        .openConnection();
                c.setSSLSocketFactory(context.getSocketFactory()); // and the default HostnameVerifier
                c.setConnectTimeout((int) TIMEOUT.toMillis());
                c.setReadTimeout((int) TIMEOUT.toMillis());
                try {
                    return c.getResponseCode();
                } finally {
                    c.disconnect();
                }
            }
        },
        JAVA_NET_HTTP_CLIENT {
            @Override
            int get(SSLContext context, String host, int port) throws IOException {
                HttpClient client = HttpClient.newBuilder().sslContext(context).connectTimeout(TIMEOUT)
                        .version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest request = HttpRequest.newBuilder(URI.create("https://" + host + ":" + port + "/"))
                        .timeout(TIMEOUT).build();
                try {
                    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        },
        SSL_SOCKET_HTTPS {
            @Override
            int get(SSLContext context, String host, int port) throws IOException {
                return socketGet(context, host, port, "HTTPS");
            }
        },
        SSL_SOCKET_LDAPS {
            @Override
            int get(SSLContext context, String host, int port) throws IOException {
                return socketGet(context, host, port, "LDAPS");
            }
        };

        abstract int get(SSLContext context, String host, int port) throws IOException;
    }

    /**
     * An SSLSocket to {@code host} with {@code algorithm}; a name that does not resolve (the wildcard's) is layered
     * over a plain connection to 127.0.0.1, as STARTTLS-style code does. Then "GET / HTTP/1.0".
     */
    static int socketGet(SSLContext context, String host, int port, String algorithm) throws IOException {
        boolean resolvable = host.equals("localhost") || host.equals("127.0.0.1");
        Socket plain = resolvable ? null : new Socket(InetAddress.getLoopbackAddress(), port);
        try (SSLSocket s = (SSLSocket) (resolvable ? context.getSocketFactory().createSocket(host, port)
                : context.getSocketFactory().createSocket(plain, host, port, true))) {
            s.setSoTimeout((int) TIMEOUT.toMillis());
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm(algorithm);
            s.setSSLParameters(p);
            s.startHandshake();
            OutputStream out = s.getOutputStream();
            out.write(("GET / HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return statusOf(s.getInputStream());
        } finally {
            if (plain != null) {
                plain.close();
            }
        }
    }

    private static int statusOf(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n' && line.length() < 200; b = in.read()) {
            line.append((char) b);
        }
        String[] words = line.toString().trim().split(" ");
        if (words.length < 2 || !words[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: " + line);
        }
        return Integer.parseInt(words[1]);
    }

    /** The status, or the failure, of one GET by {@code client} on {@code provider}. */
    record Outcome(Peer provider, Client client, String host, int status, Exception failure) {
        boolean refusedInHandshake() {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof SSLHandshakeException) {
                    return true;
                }
            }
            return false;
        }

        String verdict() {
            return refusedInHandshake() ? "refused" : failure == null ? "HTTP " + status : "failed: " + failure;
        }

        @Override
        public String toString() {
            return provider + " " + client + " " + host + ": " + verdict();
        }
    }

    private static Outcome fetch(Peer provider, Client client, String host, int port) {
        try {
            return new Outcome(provider, client, host, client.get(provider.contextWithPlainTrustManager(pki), host,
                    port), null);
        } catch (IOException | RuntimeException e) {
            return new Outcome(provider, client, host, 0, e);
        }
    }

    /** Every client in {@code clients} for every host, on both providers, against one running server. */
    private List<Outcome> run(Server server, Credential credential, List<Client> clients, List<String> hosts)
            throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        int[] port = new int[1];
        try (AutoCloseable running = server.start(credential, dir, port)) {
            for (Client client : clients) {
                for (String host : hosts) {
                    for (Peer provider : PROVIDERS) {
                        outcomes.add(fetch(provider, client, host, port[0]));
                    }
                }
            }
        }
        return outcomes;
    }

    private static void assertVerdicts(String expected, List<Outcome> outcomes) {
        List<String> wrong = outcomes.stream().filter(o -> !o.verdict().equals(expected)).map(Outcome::toString)
                .toList();
        assertTrue(wrong.isEmpty(), () -> "expected " + expected + ", but:\n" + String.join("\n", wrong));
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void aTrustedCertificateForAnotherHostIsRefusedByEveryClientAsOnSunJsse(Server server) throws Exception {
        List<Outcome> outcomes = run(server, pki.otherHost(), List.of(Client.values()),
                List.of("localhost", "127.0.0.1"));
        assertVerdicts("refused", outcomes);
        for (Outcome o : outcomes) {
            if (o.provider() == Peer.XTLS) {
                String message = String.valueOf(o.failure().getMessage());
                assertTrue(message.contains("(certificate_unknown)") && message.contains(o.host())
                        && message.contains("other.example"), o + ": " + message);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void theRightNameAndTheIpAddressSanAreAcceptedByEveryClient(Server server) throws Exception {
        assertVerdicts("HTTP 200", run(server, pki.ecdsaP256(), List.of(Client.values()),
                List.of("localhost", "127.0.0.1")));
    }

    /** The wildcard's names do not resolve, so only the (layered) SSLSocket can ask for them. */
    @ParameterizedTest
    @EnumSource(Server.class)
    void aWildcardCoversOneLeftMostLabelOnly(Server server) throws Exception {
        List<Client> sockets = List.of(Client.SSL_SOCKET_HTTPS, Client.SSL_SOCKET_LDAPS);
        assertVerdicts("HTTP 200", run(server, pki.wildcard(), sockets, List.of("www.xtls.test", "LOCALHOST.xtls.test")));
        assertVerdicts("refused", run(server, pki.wildcard(), sockets, List.of("xtls.test", "a.b.xtls.test")));
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void withoutEndpointIdentificationAnSslSocketAcceptsAnyTrustedName(Server server) throws Exception {
        int[] port = new int[1];
        try (AutoCloseable running = server.start(pki.otherHost(), dir, port)) {
            for (Peer provider : PROVIDERS) {
                assertEquals(200, socketGet(provider.contextWithPlainTrustManager(pki), "localhost", port[0], null),
                        provider.name());
            }
        }
    }
}
