package dev.xtls.it.openssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** RFC 9155 §3: an OpenSSL client that offers only SHA-1 handshake signatures is refused by an Xtls server. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class XtlsOpenSslSha1SignaturesIT {
    private static final String SUITE = "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";

    @TempDir
    static Path dir;
    static TestPki pki;
    static Path ca;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create();
        ca = pki.writeCaPem(dir);
    }

    /** SunX509 does not filter certificates by the peer's signature algorithms, so only Xtls decides here. */
    private static SSLContext sunX509Context() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509", Peer.SUN.provider());
        kmf.init(pki.keyStore(pki.rsa2048()), TestPki.PASSWORD.toCharArray());
        SSLContext ctx = SSLContext.getInstance(Peer.TLS12, Peer.XTLS.provider());
        ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
        return ctx;
    }

    @Test
    void xtlsServerRefusesAnOpenSslClientOfferingOnlyRsaPkcs1Sha1WithHandshakeFailure() throws Exception {
        try (JavaTlsServer server = JavaTlsServer.start(sunX509Context(), false, SUITE)) {
            // @SECLEVEL=0: OpenSSL 3 itself allows SHA-1 signatures only there
            OpenSslClient.Result r = OpenSslClient.connect(server.port()).caFile(ca)
                    .extraArgs("-sigalgs", "RSA+SHA1", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0")
                    .stdin("sha1\n".getBytes(StandardCharsets.US_ASCII)).run();
            Exception e = assertThrows(Exception.class, server::awaitServed);
            assertFalse(r.handshakeCompleted(), r.describe());
            assertEquals("handshake_failure", r.alert().orElseThrow(() -> new AssertionError(r.describe())));
            assertTrue(e instanceof SSLHandshakeException, String.valueOf(e));
            assertTrue(e.getMessage().contains("no signature scheme for the RSA key in common (client"
                    + " [rsa_pkcs1_sha1]"), e.getMessage());
        }
    }
}
