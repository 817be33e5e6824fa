package dev.xtls.tools;

import dev.xtls.XtlsProvider;
import dev.xtls.jsse.XtlsSession;
import dev.xtls.session.SessionState;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

/**
 * The demo: one handshake per cipher suite between an Xtls client and an Xtls server, then a small HTTP
 * exchange over it, printing what was negotiated. Sockets arrive with the socket work; until then the two
 * SSLEngines are connected in memory.
 */
public final class Demo {
    private static final List<String> SUITES = List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        Provider xtls = new XtlsProvider();
        DemoCertificates certificates = new DemoCertificates();
        SSLContext serverContext = SSLContext.getInstance("TLSv1.2", xtls);
        serverContext.init(certificates.keyManagers().getKeyManagers(), null, null);
        SSLContext clientContext = SSLContext.getInstance("TLSv1.2", xtls);
        clientContext.init(null, certificates.trustManagers().getTrustManagers(), null);
        System.out.println("Xtls " + xtls.getVersionStr() + " on Java " + System.getProperty("java.version"));
        for (String suite : SUITES) {
            SSLEngine client = clientContext.createSSLEngine("localhost", 443);
            client.setUseClientMode(true);
            client.setEnabledCipherSuites(new String[] {suite});
            SSLEngine server = serverContext.createSSLEngine();
            server.setUseClientMode(false);
            byte[] request = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            byte[] response = "HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\nhello, Xtls!".getBytes(
                    StandardCharsets.US_ASCII);
            byte[] received = new EngineLoop(client, server).exchange(request, response);
            print(client.getSession(), server.getSession(), new String(received, StandardCharsets.US_ASCII));
        }
    }

    private static void print(SSLSession client, SSLSession server, String response) throws Exception {
        X509Certificate peer = (X509Certificate) client.getPeerCertificates()[0];
        System.out.println();
        System.out.println("  protocol           " + client.getProtocol() + " (client) / " + server.getProtocol()
                + " (server)");
        System.out.println("  cipher suite       " + client.getCipherSuite());
        if (client instanceof XtlsSession xtls) {
            SessionState state = xtls.state();
            System.out.println("  key exchange group " + state.group());
            System.out.println("  signature scheme   " + state.peerSignatureScheme());
            System.out.println("  extended master    " + state.extendedMasterSecret() + " (RFC 7627)");
        }
        if (server instanceof ExtendedSSLSession extended) {
            System.out.println("  SNI (server saw)   " + extended.getRequestedServerNames());
        }
        System.out.println("  server certificate " + peer.getSubjectX500Principal() + " (" + peer.getPublicKey()
                .getAlgorithm() + ")");
        System.out.println("  response           " + response.lines().findFirst().orElse("") + " ... "
                + response.substring(response.lastIndexOf('\n') + 1));
    }
}
