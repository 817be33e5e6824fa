package dev.xtls.it.ocsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.it.openssl.OpenSslClient;
import dev.xtls.it.openssl.TlsEchoServer;
import dev.xtls.testing.Peer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An Xtls server staples the response of a real OCSP responder (RFC 6066 §8; TLS 1.3: in the leaf's
 * CertificateEntry, RFC 8446 §4.4.2.1) to SunJSSE and {@code openssl s_client -status}, fetched off the handshake
 * path: handshakes before the response arrives, or while the responder is down or hanging, complete without one.
 */
class XtlsServerStaplingIT {
    private static final String STAPLING_ON = "jdk.tls.server.enableStatusRequestExtension";
    private static final int MAX_WARM_UP_HANDSHAKES = 100;
    private static final long WARM_UP_PAUSE_MILLIS = 50;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void staplesGoodResponseFetchedOffTheHandshakePath(String protocol) throws IOException {
        try (OcspResponder responder = OcspResponder.start(dir)) {
            OcspPki pki = new OcspPki(dir, responder.url());
            SSLContext sun = OcspContexts.context(Peer.SUN, null, OcspContexts.plainTrust(pki), Map.of());
            try (TlsEchoServer server = TlsEchoServer.start(xtlsServer(pki, OcspPki.Status.GOOD, Map.of()), protocol)) {
                OcspContexts.Connection first = OcspContexts.connect(sun, server.port(), protocol);
                assertEquals(protocol, first.protocol());
                // the handshake did not wait for the fetch it started: the cache was cold
                assertTrue(first.statusResponses().isEmpty(), "the first handshake carried a staple");
                byte[] staple = awaitStaple(sun, server.port(), protocol);
                assertEquals("1001 good", OcspAnswers.describe(staple));
                assertEquals(1, responder.requests(), "one fetch serves all handshakes until nextUpdate");

                OpenSslClient.Result s = sClientStatus(server.port(), protocol);
                assertTrue(s.stdout().contains("OCSP Response Status: successful"), s.describe());
                assertTrue(s.stdout().contains("Cert Status: good"), s.describe());

                // with the responder gone, SunJSSE's revocation checking can only use the staple
                responder.stop();
                SSLContext checking = OcspContexts.context(Peer.SUN, null, OcspContexts.revocationTrust(pki),
                        Map.of());
                assertEquals(1, OcspContexts.connect(checking, server.port(), protocol).statusResponses().size());
                assertTrue(server.failures().isEmpty(), server.failures().toString());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void staplesRevokedResponseThatSunJsseRefuses(String protocol) throws IOException {
        try (OcspResponder responder = OcspResponder.start(dir)) {
            OcspPki pki = new OcspPki(dir, responder.url());
            SSLContext sun = OcspContexts.context(Peer.SUN, null, OcspContexts.plainTrust(pki), Map.of());
            try (TlsEchoServer server = TlsEchoServer.start(xtlsServer(pki, OcspPki.Status.REVOKED, Map.of()),
                    protocol)) {
                assertEquals("1002 revoked", OcspAnswers.describe(awaitStaple(sun, server.port(), protocol)));
                OpenSslClient.Result s = sClientStatus(server.port(), protocol);
                assertTrue(s.stdout().contains("Cert Status: revoked"), s.describe());

                responder.stop();
                SSLContext checking = OcspContexts.context(Peer.SUN, null, OcspContexts.revocationTrust(pki),
                        Map.of());
                SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                        () -> OcspContexts.connect(checking, server.port(), protocol));
                assertTrue(String.valueOf(e.getMessage()).toLowerCase().contains("revoked"), e.toString());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void staplesUnknownStatusAsTheResponderGivesIt(String protocol) throws IOException {
        try (OcspResponder responder = OcspResponder.start(dir)) {
            OcspPki pki = new OcspPki(dir, responder.url());
            SSLContext sun = OcspContexts.context(Peer.SUN, null, OcspContexts.plainTrust(pki), Map.of());
            try (TlsEchoServer server = TlsEchoServer.start(xtlsServer(pki, OcspPki.Status.UNKNOWN, Map.of()),
                    protocol)) {
                assertEquals("1003 unknown", OcspAnswers.describe(awaitStaple(sun, server.port(), protocol)));
                OpenSslClient.Result s = sClientStatus(server.port(), protocol);
                assertTrue(s.stdout().contains("Cert Status: unknown"), s.describe());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void stoppedResponderLeavesHandshakesWithoutStaple(String protocol) throws IOException {
        try (OcspResponder responder = OcspResponder.start(dir)) {
            OcspPki pki = new OcspPki(dir, responder.url());
            responder.stop();
            SSLContext sun = OcspContexts.context(Peer.SUN, null, OcspContexts.plainTrust(pki), Map.of());
            try (TlsEchoServer server = TlsEchoServer.start(xtlsServer(pki, OcspPki.Status.GOOD, Map.of()),
                    protocol)) {
                int n = 20;
                double mean = meanHandshakeMillis(sun, server.port(), protocol, n);
                System.out.printf("OCSP %s responder stopped: %d handshakes, mean %.2f ms%n", protocol, n, mean);
                OpenSslClient.Result s = sClientStatus(server.port(), protocol);
                assertTrue(s.stdout().contains("OCSP response: no response sent"), s.describe());
                assertEquals(0, responder.requests());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void hangingResponderDoesNotHoldHandshakes(String protocol) throws IOException {
        try (OcspResponder unused = OcspResponder.start(dir); SilentResponder silent = new SilentResponder()) {
            OcspPki pki = new OcspPki(dir, unused.url());
            // jdk.tls.stapling.responderURI with responderOverride sends every fetch to the hanging responder
            SSLContext xtls = xtlsServer(pki, OcspPki.Status.GOOD, Map.of("jdk.tls.stapling.responderURI",
                    silent.url(), "jdk.tls.stapling.responderOverride", "true",
                    "jdk.tls.stapling.responseTimeout", "30000"));
            SSLContext sun = OcspContexts.context(Peer.SUN, null, OcspContexts.plainTrust(pki), Map.of());
            try (TlsEchoServer server = TlsEchoServer.start(xtls, protocol)) {
                OcspContexts.connect(sun, server.port(), protocol);
                awaitConnection(silent);
                int n = 20;
                double mean = meanHandshakeMillis(sun, server.port(), protocol, n);
                // the fetch is still waiting for an answer while handshakes complete: it is not on their path
                assertEquals(1, silent.connections(), "one fetch at a time per certificate");
                assertEquals(0, unused.requests(), "responderOverride ignores the certificate's AIA");
                System.out.printf("OCSP %s responder hanging: %d handshakes, mean %.2f ms%n", protocol, n, mean);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void staplingIsOffByDefault(String protocol) throws IOException {
        try (OcspResponder responder = OcspResponder.start(dir)) {
            OcspPki pki = new OcspPki(dir, responder.url());
            SSLContext xtls = OcspContexts.context(Peer.XTLS, pki.keyManager(pki.leaf(OcspPki.Status.GOOD)),
                    OcspContexts.plainTrust(pki), Map.of());
            SSLContext sun = OcspContexts.context(Peer.SUN, null, OcspContexts.plainTrust(pki), Map.of());
            try (TlsEchoServer server = TlsEchoServer.start(xtls, protocol)) {
                int n = 20;
                double mean = meanHandshakeMillis(sun, server.port(), protocol, n);
                System.out.printf("OCSP %s stapling off (baseline): %d handshakes, mean %.2f ms%n", protocol, n,
                        mean);
                assertEquals(0, responder.requests(), "jdk.tls.server.enableStatusRequestExtension is false by"
                        + " default, as in SunJSSE");
            }
        }
    }

    private static SSLContext xtlsServer(OcspPki pki, OcspPki.Status status, Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(extra);
        properties.put(STAPLING_ON, "true");
        return OcspContexts.context(Peer.XTLS, pki.keyManager(pki.leaf(status)), OcspContexts.plainTrust(pki),
                properties);
    }

    /** Measured, not asserted: {@code n} full handshakes, none of which may carry a staple. */
    private static double meanHandshakeMillis(SSLContext client, int port, String protocol, int n)
            throws IOException {
        long total = 0;
        for (int i = 0; i < n; i++) {
            OcspContexts.Connection c = OcspContexts.connect(client, port, protocol);
            assertTrue(c.statusResponses().isEmpty(), "a staple although none can be at hand");
            total += c.handshakeNanos();
        }
        return total / 1e6 / n;
    }

    /** Handshakes (bounded) until one carries a staple, which the server fetched in the background. */
    private static byte[] awaitStaple(SSLContext client, int port, String protocol) throws IOException {
        for (int i = 0; i < MAX_WARM_UP_HANDSHAKES; i++) {
            OcspContexts.Connection c = OcspContexts.connect(client, port, protocol);
            if (!c.statusResponses().isEmpty()) {
                assertEquals(1, c.statusResponses().size());
                return c.statusResponses().get(0);
            }
            pause();
        }
        throw new AssertionError("no staple after " + MAX_WARM_UP_HANDSHAKES + " handshakes");
    }

    private static void awaitConnection(SilentResponder silent) {
        for (int i = 0; i < MAX_WARM_UP_HANDSHAKES && silent.connections() == 0; i++) {
            pause();
        }
        assertEquals(1, silent.connections(), "the server never asked the responder");
    }

    private static void pause() {
        try {
            Thread.sleep(WARM_UP_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static OpenSslClient.Result sClientStatus(int port, String protocol) {
        OpenSslClient.Builder b = OpenSslClient.connect(port).extraArgs("-status")
                .stdin("ping\n".getBytes(StandardCharsets.US_ASCII));
        return (protocol.equals("TLSv1.3") ? b.tls13() : b).run();
    }
}
