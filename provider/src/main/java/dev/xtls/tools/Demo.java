package dev.xtls.tools;

import dev.xtls.XtlsProvider;
import dev.xtls.api.Xtls;
import dev.xtls.jsse.SessionDetails;
import dev.xtls.jsse.XtlsSession;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.stream.Collectors;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;

/**
 * The demo: an HTTPS server on localhost (the JDK's HttpsServer) whose TLS is Xtls, with freshly generated
 * certificates; one page fetched from it with HttpsURLConnection and one with java.net.http.HttpClient, both
 * through Xtls; and for each connection, what the handshake negotiated.
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        Provider xtls = new XtlsProvider();
        DemoCertificates certificates = new DemoCertificates();
        TrustManager[] trust = certificates.trustManagers().getTrustManagers();
        System.out.println("Xtls " + xtls.getVersionStr() + " on Java " + System.getProperty("java.version"));
        try (DemoServer server = DemoServer.start(context(xtls, certificates.keyManagers().getKeyManagers(), null))) {
            System.out.println("HTTPS server (JDK HttpsServer on Xtls, self-signed ECDSA P-256 and RSA-2048 "
                    + "certificates for localhost) at " + server.uri("/"));

            SSLContext urlClient = context(xtls, null, trust);
            String page = fetchWithUrlConnection(server, urlClient);
            print("HttpsURLConnection", page, urlClient, server.lastSession());

            SSLContext httpClient = context(xtls, null, trust);
            page = fetchWithHttpClient(server, httpClient);
            print("java.net.http.HttpClient", page, httpClient, server.lastSession());
        }
    }

    private static SSLContext context(Provider xtls, KeyManager[] keys, TrustManager[] trust)
            throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLSv1.2", xtls);
        context.init(keys, trust, null);
        return context;
    }

    private static String fetchWithUrlConnection(DemoServer server, SSLContext client) throws IOException {
        HttpsURLConnection c = (HttpsURLConnection) server.uri("/url-connection").toURL().openConnection();
        c.setSSLSocketFactory(client.getSocketFactory());
        c.setConnectTimeout(5_000);
        c.setReadTimeout(5_000);
        try (InputStream in = c.getInputStream()) {
            return c.getResponseCode() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }

    private static String fetchWithHttpClient(DemoServer server, SSLContext client)
            throws IOException, InterruptedException {
        // ECDHE_RSA suites only, so this connection shows the RSA certificate (the other one gets ECDSA)
        SSLParameters rsaSuites = client.getDefaultSSLParameters();
        rsaSuites.setCipherSuites(new String[] {"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"});
        // offers ALPN h2 and http/1.1; the JDK's HttpsServer speaks HTTP/1.1 only
        HttpClient http = HttpClient.newBuilder().sslContext(client).sslParameters(rsaSuites)
                .version(HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri("/http-client"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body() + " (" + r.version() + ")";
    }

    /** The client's view comes from its context's session cache: java.net.http hands out only a copy. */
    private static void print(String client, String page, SSLContext clientContext, SSLSession server)
            throws IOException {
        XtlsSession session = (XtlsSession) clientContext.getClientSessionContext().getSession(server.getId());
        SessionDetails state = session.details();
        X509Certificate cert = (X509Certificate) session.getPeerCertificates()[0];
        String alpn = state.applicationProtocol();
        String sni = ((ExtendedSSLSession) server).getRequestedServerNames().stream()
                .map(n -> ((SNIHostName) n).getAsciiName()).collect(Collectors.joining(", "));
        System.out.println();
        System.out.println(client + ": " + page);
        System.out.println("  protocol             " + session.getProtocol());
        System.out.println("  cipher suite         " + session.getCipherSuite());
        System.out.println("  key exchange group   " + state.group());
        System.out.println("  signature scheme     " + state.peerSignatureScheme());
        System.out.println("  ALPN                 " + (alpn == null || alpn.isEmpty() ? "none" : alpn));
        System.out.println("  SNI (server saw)     " + (sni.isEmpty() ? "none" : sni));
        System.out.println("  server certificate   " + cert.getSubjectX500Principal() + " ("
                + cert.getPublicKey().getAlgorithm() + " key)");
        System.out.println("  extended master      " + state.extendedMasterSecret() + " (RFC 7627)");
        // the server's record of the handshake, drawn as the RFC 5246 §7.3 figure (the key log and trace README)
        Xtls.handshakeTrace(server).ifPresent(trace -> System.out.println("  handshake, as the server saw it:\n"
                + trace.indent(4).stripTrailing()));
    }
}
