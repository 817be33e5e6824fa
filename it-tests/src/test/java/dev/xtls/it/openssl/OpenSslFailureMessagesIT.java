package dev.xtls.it.openssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact failure messages against OpenSSL: s_client refusing the Xtls server's issuer (Xtls hears the alert and
 * says what it means), an s_server with an expired certificate, and one without a cipher suite in common with the
 * Xtls client. The local clock in a validity message is masked as {@code <now>}. Only 127.0.0.1; bounded.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OpenSslFailureMessagesIT {
    private static final byte[] LINE = "hello\n".getBytes(StandardCharsets.US_ASCII);
    private static final String ECDSA_128 = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";

    @TempDir
    static Path dir;
    static TestPki pki;
    static Path ca;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create();
        ca = pki.writeCaPem(dir);
    }

    @Test
    void anOpenSslClientRefusingOurIssuerIsHeardAsUnknownCaInWords() throws Exception {
        try (JavaTlsServer server = JavaTlsServer.start(Peer.XTLS.context(pki, pki.untrusted()), false)) {
            OpenSslClient.Result r = OpenSslClient.connect(server.port()).caFile(ca).stdin(LINE).run();
            Exception e = assertThrows(SSLHandshakeException.class, server::awaitServed, r::describe);
            assertEquals("Received fatal alert: unknown_ca: the client rejected our certificate: it does not trust the"
                    + " certificate authority that issued it", e.getMessage());
        }
    }

    @Test
    void anExpiredOpenSslServerCertificateIsExplainedWithItsValidityAndTheLocalClock() throws Exception {
        try (OpenSslServer server = OpenSslServer.builder(pki.writePem(dir, pki.expired())).start()) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> OpenSslInteropIT.connect(Peer.XTLS.context(pki), server.port()).close());
            X509Certificate cert = pki.expired().leaf();
            assertEquals("(certificate_expired) server certificate CN=localhost,OU=expired,O=Xtls tests rejected:"
                    + " certificate expired on " + cert.getNotAfter().toInstant() + ": valid from "
                    + cert.getNotBefore().toInstant() + " to " + cert.getNotAfter().toInstant()
                    + ", local clock <now>", e.getMessage().replaceAll(
                            "local clock \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ", "local clock <now>"));
        }
    }

    @Test
    void anOpenSslServerWithoutACommonSuiteIsHeardAsHandshakeFailureWithWhatWeOffered() throws Exception {
        try (OpenSslServer server = OpenSslServer.builder(pki.writePem(dir, pki.ecdsaP256()))
                .cipher("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384").start()) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> OpenSslInteropIT.connect(Peer.XTLS.context(pki), server.port(), ECDSA_128).close());
            assertEquals("Received fatal alert: handshake_failure: the server refused the handshake: it shares no"
                    + " cipher suite, group or signature algorithm with us, or requires something we did not send;"
                    + " we offered [TLSv1.2] with cipher suites [" + ECDSA_128 + " (0xC02B)] and groups [x25519,"
                    + " secp256r1, secp384r1, secp521r1, x448, ffdhe2048, ffdhe3072, ffdhe4096]; removed here:"
                    + " [TLSv1.3] not enabled by setEnabledProtocols, SSLParameters or the context's defaults;"
                    + " [TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,"
                    + " TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, ... (26 in"
                    + " all)] by setEnabledCipherSuites (or SSLParameters)", e.getMessage());
        }
    }
}
