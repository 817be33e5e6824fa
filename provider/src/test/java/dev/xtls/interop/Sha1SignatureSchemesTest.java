package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.message.ClientHello;
import dev.xtls.message.EcdheServerKeyExchange;
import dev.xtls.message.ext.SignatureAlgorithms;
import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.HelloExtensions;
import dev.xtls.testing.Peer;
import dev.xtls.testing.PlaintextHandshake;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.SignatureScheme;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 9155 §3: no SHA-1 in TLS 1.2 handshake signatures by default — not offered by the client, not requested by
 * the server, not assumed for a client without signature_algorithms — and jdk.tls.server.SignatureSchemes brings
 * it back for a legacy peer. Checked on the wire against SunJSSE.
 */
class Sha1SignatureSchemesTest {
    private static final String ECDHE_RSA = "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
    private static final int SIGNATURE_ALGORITHMS = 13;
    private static final int CERTIFICATE_VERIFY = 15;
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    private static PlaintextHandshake.Message message(EnginePair pair, Role from, int type) {
        return PlaintextHandshake.of(pair.records(from)).messages().stream().filter(m -> m.type() == type)
                .findFirst().orElseThrow(() -> new AssertionError("no handshake message " + type + " from " + from));
    }

    private static List<SignatureScheme> sha1In(List<SignatureScheme> schemes) {
        return schemes.stream().filter(SignatureScheme::usesSha1).toList();
    }

    @Test
    void xtlsClientOffersNoSha1Scheme() {
        SSLEngine client = Peer.XTLS.engine(Role.CLIENT, pki, null, ECDHE_RSA);
        SSLEngine server = Peer.SUN.engine(Role.SERVER, pki, pki.rsa2048(), ECDHE_RSA);
        EnginePair pair = EnginePair.builder(client, server).build();
        pair.handshake();
        ClientHello hello = ClientHello.decode(message(pair, Role.CLIENT, PlaintextHandshake.CLIENT_HELLO).body());
        List<SignatureScheme> offered = SignatureAlgorithms.decode(
                hello.extensions().find(ExtensionType.SIGNATURE_ALGORITHMS).orElseThrow().data()).schemes();
        assertEquals(List.of(), sha1In(offered), "offered " + offered);
        hello.extensions().find(ExtensionType.SIGNATURE_ALGORITHMS_CERT).ifPresent(e -> assertEquals(List.of(),
                sha1In(SignatureAlgorithms.decode(e.data()).schemes())));
    }

    @Test
    void xtlsServerRequestsNoSha1SchemeInCertificateRequest() {
        SSLEngine client = Peer.SUN.engine(Role.CLIENT, pki, pki.rsa2048(), ECDHE_RSA);
        SSLEngine server = Peer.XTLS.engine(Role.SERVER, pki, pki.rsa2048(), ECDHE_RSA);
        server.setNeedClientAuth(true);
        EnginePair pair = EnginePair.builder(client, server).build();
        pair.handshake();
        List<SignatureScheme> requested = ClientAuthSetup.certificateRequest(pair.records(Role.SERVER))
                .signatureSchemes();
        assertFalse(requested.isEmpty());
        assertEquals(List.of(), sha1In(requested), "requested " + requested);
    }

    @Test
    void xtlsServerRefusesAClientHelloWithoutSignatureAlgorithmsWithHandshakeFailure() {
        SSLEngine client = Peer.SUN.engine(Role.CLIENT, pki, null, ECDHE_RSA);
        SSLEngine server = Peer.XTLS.engine(Role.SERVER, pki, pki.rsa2048(), ECDHE_RSA);
        Failure f = EnginePair.builder(client, server).lenient()
                .intercept(Role.CLIENT, HelloExtensions.without(PlaintextHandshake.CLIENT_HELLO, SIGNATURE_ALGORITHMS))
                .build().expectHandshakeFailure();
        assertEquals("handshake_failure", f.alertReceivedBy(Role.CLIENT).orElseThrow(), f.toString());
        String message = f.of(Role.SERVER).orElseThrow().getMessage();
        assertTrue(message.contains("no signature_algorithms") && message.contains("RFC 9155")
                && message.contains("jdk.tls.server.SignatureSchemes"), message);
    }

    @Test
    void xtlsServerWithSha1ReenabledSignsWithTheSha1DefaultForAClientWithoutSignatureAlgorithms() {
        // SunX509: the PKIX key manager would refuse our SHA-256-signed certificate for a peer "supporting" only SHA-1
        SSLContext serverContext = withSystemProperty("jdk.tls.server.SignatureSchemes",
                "rsa_pss_rsae_sha256, rsa_pkcs1_sha256, rsa_pkcs1_sha1", () -> ClientAuthSetup.context(Peer.XTLS,
                        sunX509(pki.keyStore(pki.rsa2048())), sunX509Trust()));
        SSLEngine client = Peer.SUN.engine(Role.CLIENT, pki, null, ECDHE_RSA);
        SSLEngine server = Peer.engine(serverContext, Role.SERVER, ECDHE_RSA);
        // the rewrite splits the two transcripts, so the handshake ends at Finished; the server got past the hello
        EnginePair pair = EnginePair.builder(client, server).lenient()
                .intercept(Role.CLIENT, HelloExtensions.without(PlaintextHandshake.CLIENT_HELLO, SIGNATURE_ALGORITHMS))
                .build();
        pair.expectHandshakeFailure();
        EcdheServerKeyExchange ske = EcdheServerKeyExchange.decode(
                message(pair, Role.SERVER, PlaintextHandshake.SERVER_KEY_EXCHANGE).body());
        assertEquals(SignatureScheme.RSA_PKCS1_SHA1, ske.scheme(), "RFC 5246 §7.4.1.4.1 default {sha1, rsa}");
    }

    @Test
    void xtlsClientRejectsAServerKeyExchangeSignedWithSha1WithIllegalParameter() {
        SSLEngine client = Peer.XTLS.engine(Role.CLIENT, pki, null, ECDHE_RSA);
        SSLEngine server = Peer.SUN.engine(Role.SERVER, pki, pki.rsa2048(), ECDHE_RSA);
        Failure f = EnginePair.builder(client, server).lenient()
                .intercept(Role.SERVER, Tamper.messageBody(PlaintextHandshake.SERVER_KEY_EXCHANGE, body -> {
                    int at = 1 + 2 + 1 + (body[3] & 0xFF); // curve_type, named_curve, ECPoint<1..2^8-1>
                    body[at] = 2; // SignatureAndHashAlgorithm {sha1, rsa} (RFC 5246 §7.4.1.4.1)
                    body[at + 1] = 1;
                    return body;
                })).build().expectHandshakeFailure();
        assertEquals("illegal_parameter", f.alertReceivedBy(Role.SERVER).orElseThrow(), f.toString());
        assertTrue(f.client().getMessage().contains("server signed with rsa_pkcs1_sha1"), f.client().getMessage());
    }

    @Test
    void xtlsServerRejectsACertificateVerifySignedWithSha1WithIllegalParameter() {
        SSLEngine client = Peer.SUN.engine(Role.CLIENT, pki, pki.rsa2048(), ECDHE_RSA);
        SSLEngine server = Peer.XTLS.engine(Role.SERVER, pki, pki.rsa2048(), ECDHE_RSA);
        server.setNeedClientAuth(true);
        Failure f = EnginePair.builder(client, server).lenient()
                .intercept(Role.CLIENT, Tamper.messageBody(CERTIFICATE_VERIFY, body -> {
                    body[0] = 2; // {sha1, rsa}
                    body[1] = 1;
                    return body;
                })).build().expectHandshakeFailure();
        assertEquals("illegal_parameter", f.alertReceivedBy(Role.CLIENT).orElseThrow(), f.toString());
        String message = f.of(Role.SERVER).orElseThrow().getMessage();
        assertTrue(message.contains("client signed with rsa_pkcs1_sha1"), message);
    }

    private static X509ExtendedKeyManager sunX509(KeyStore keys) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509", Peer.SUN.provider());
            kmf.init(keys, TestPki.PASSWORD.toCharArray());
            return (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509TrustManager sunX509Trust() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", Peer.SUN.provider());
            tmf.init(pki.trustStore());
            return (X509TrustManager) tmf.getTrustManagers()[0];
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code body} with a system property set, restoring the previous value: a context reads it at init. */
    private static <T> T withSystemProperty(String name, String value, Supplier<T> body) {
        String previous = System.getProperty(name);
        System.setProperty(name, value);
        try {
            return body.get();
        } finally {
            if (previous == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, previous);
            }
        }
    }
}
