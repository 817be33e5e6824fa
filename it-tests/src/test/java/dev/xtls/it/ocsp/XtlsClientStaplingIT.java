package dev.xtls.it.ocsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.it.openssl.OpenSslServer;
import dev.xtls.it.openssl.TlsEchoServer;
import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An Xtls client asks {@code openssl s_server} for OCSP stapling (status_request, RFC 6066 §8), shows the staple in
 * {@code getStatusResponses()} and hands it to SunJSSE's PKIX trust manager through the handshake session, so
 * revocation checking refuses a revoked server certificate with certificate_revoked. The responder is stopped
 * before the handshakes that check revocation: only the staple can answer.
 */
class XtlsClientStaplingIT {
    private static final Duration ALERT_WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void acceptsGoodStapleWithRevocationChecking(String protocol) throws IOException {
        OcspPki pki;
        Path der;
        try (OcspResponder responder = OcspResponder.start(dir)) {
            pki = new OcspPki(dir, responder.url());
            der = responder.responseFile(pki.leaf(OcspPki.Status.GOOD), dir.resolve("good.der"));
        }
        try (OpenSslServer server = server(pki, OcspPki.Status.GOOD, protocol, "-status_file", der.toString())) {
            SSLContext xtls = OcspContexts.context(Peer.XTLS, null, OcspContexts.revocationTrust(pki), Map.of());
            OcspContexts.Connection c = OcspContexts.connect(xtls, server.port(), protocol);
            assertEquals(protocol, c.protocol());
            assertEquals(1, c.statusResponses().size());
            assertArrayEquals(Files.readAllBytes(der), c.statusResponses().get(0));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void refusesRevokedCertificateWithCertificateRevoked(String protocol) {
        OcspPki pki;
        Path der;
        try (OcspResponder responder = OcspResponder.start(dir)) {
            pki = new OcspPki(dir, responder.url());
            der = responder.responseFile(pki.leaf(OcspPki.Status.REVOKED), dir.resolve("revoked.der"));
        }
        try (OpenSslServer server = server(pki, OcspPki.Status.REVOKED, protocol, "-status_file",
                der.toString())) {
            SSLContext xtls = OcspContexts.context(Peer.XTLS, null, OcspContexts.revocationTrust(pki), Map.of());
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> OcspContexts.connect(xtls, server.port(), protocol));
            assertTrue(e.getMessage().contains("certificate revoked"), e.toString());
            // OpenSSL names alert 44: "sslv3 alert certificate revoked"
            assertTrue(server.awaitPrinted("certificate revoked", ALERT_WAIT), server.describe());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void reportsRevokedStapleWhenRevocationCheckingIsOff(String protocol) throws IOException {
        OcspPki pki;
        Path der;
        try (OcspResponder responder = OcspResponder.start(dir)) {
            pki = new OcspPki(dir, responder.url());
            der = responder.responseFile(pki.leaf(OcspPki.Status.REVOKED), dir.resolve("revoked.der"));
        }
        try (OpenSslServer server = server(pki, OcspPki.Status.REVOKED, protocol, "-status_file",
                der.toString())) {
            SSLContext xtls = OcspContexts.context(Peer.XTLS, null, OcspContexts.plainTrust(pki), Map.of());
            OcspContexts.Connection c = OcspContexts.connect(xtls, server.port(), protocol);
            // as SunJSSE: what the status says is for the trust manager's revocation checking to judge
            assertEquals("1002 revoked", OcspAnswers.describe(c.statusResponses().get(0)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void receivesWhatServerFetchedFromTheResponderInTheAia(String protocol) throws IOException {
        try (OcspResponder responder = OcspResponder.start(dir)) {
            OcspPki pki = new OcspPki(dir, responder.url());
            try (OpenSslServer server = server(pki, OcspPki.Status.UNKNOWN, protocol, "-status", "-CAfile",
                    pki.caPem().toString())) {
                SSLContext xtls = OcspContexts.context(Peer.XTLS, null, OcspContexts.plainTrust(pki), Map.of());
                OcspContexts.Connection c = OcspContexts.connect(xtls, server.port(), protocol);
                assertEquals(1, c.statusResponses().size(), server.describe());
                assertEquals("1003 unknown", OcspAnswers.describe(c.statusResponses().get(0)));
                assertTrue(responder.requests() >= 1);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void refusesStapleForAnotherCertificate(String protocol) {
        OcspPki pki;
        Path der;
        try (OcspResponder responder = OcspResponder.start(dir)) {
            pki = new OcspPki(dir, responder.url());
            der = responder.responseFile(pki.leaf(OcspPki.Status.GOOD), dir.resolve("good.der"));
        }
        try (OpenSslServer server = server(pki, OcspPki.Status.UNKNOWN, protocol, "-status_file",
                der.toString())) {
            SSLContext xtls = OcspContexts.context(Peer.XTLS, null, OcspContexts.plainTrust(pki), Map.of());
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> OcspContexts.connect(xtls, server.port(), protocol));
            assertTrue(e.getMessage().contains("has no status for certificate serial 1003"), e.toString());
            assertTrue(server.awaitPrinted("bad certificate status response", ALERT_WAIT), server.describe());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void asksForNoStapleWhenTheClientSwitchIsOff(String protocol) throws IOException {
        OcspPki pki;
        Path der;
        try (OcspResponder responder = OcspResponder.start(dir)) {
            pki = new OcspPki(dir, responder.url());
            der = responder.responseFile(pki.leaf(OcspPki.Status.GOOD), dir.resolve("good.der"));
        }
        try (OpenSslServer server = server(pki, OcspPki.Status.GOOD, protocol, "-status_file", der.toString())) {
            SSLContext xtls = OcspContexts.context(Peer.XTLS, null, OcspContexts.plainTrust(pki),
                    Map.of("jdk.tls.client.enableStatusRequestExtension", "false"));
            assertTrue(OcspContexts.connect(xtls, server.port(), protocol).statusResponses().isEmpty());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void takesSunJsseServerStaples(String protocol) throws IOException {
        try (OcspResponder responder = OcspResponder.start(dir)) {
            OcspPki pki = new OcspPki(dir, responder.url());
            Map<String, String> stapling = Map.of("jdk.tls.server.enableStatusRequestExtension", "true");
            SSLContext good = OcspContexts.context(Peer.SUN, pki.keyManager(pki.leaf(OcspPki.Status.GOOD)),
                    OcspContexts.plainTrust(pki), stapling);
            SSLContext xtls = OcspContexts.context(Peer.XTLS, null, OcspContexts.revocationTrust(pki), Map.of());
            try (TlsEchoServer server = TlsEchoServer.start(good, protocol)) {
                OcspContexts.Connection c = OcspContexts.connect(xtls, server.port(), protocol);
                assertEquals("1001 good", OcspAnswers.describe(c.statusResponses().get(0)));
            }
            SSLContext revoked = OcspContexts.context(Peer.SUN, pki.keyManager(pki.leaf(OcspPki.Status.REVOKED)),
                    OcspContexts.plainTrust(pki), stapling);
            try (TlsEchoServer server = TlsEchoServer.start(revoked, protocol)) {
                SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                        () -> OcspContexts.connect(xtls, server.port(), protocol));
                assertTrue(e.getMessage().startsWith("(certificate_revoked)"), e.toString());
            }
        }
    }

    /** s_server echoing lines reversed, presenting {@code status}'s chain (leaf, CA). */
    private static OpenSslServer server(OcspPki pki, OcspPki.Status status, String protocol, String... extra) {
        OcspPki.Leaf leaf = pki.leaf(status);
        List<String> args = new ArrayList<>(List.of("-cert_chain", pki.caPem().toString()));
        args.addAll(List.of(extra));
        OpenSslServer.Builder b = OpenSslServer.builder(new TestPki.PemFiles(leaf.certPem(), leaf.keyPem()))
                .mode(OpenSslServer.Mode.REVERSE_ECHO).extraArgs(args.toArray(new String[0]));
        return (protocol.equals("TLSv1.3") ? b.tls13() : b).start();
    }
}
