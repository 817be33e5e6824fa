package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xtls.jsse.XtlsSession;
import dev.xtls.testing.Credential;
import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Mode;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import dev.xtls.wire.SignatureScheme;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Server certificates beyond ECDSA and rsaEncryption: Ed25519 with ECDHE_ECDSA (RFC 8422 §5.3) and RSASSA-PSS
 * keys with ECDHE_RSA (rsa_pss_pss_*, RFC 8446 §4.2.3), against SunJSSE both ways.
 */
class CertificateKeyTypesTest {
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("ed25519", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", SignatureScheme.ED25519),
                Arguments.of("rsa-pss", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", SignatureScheme.RSA_PSS_PSS_SHA256));
    }

    private static Credential credential(String name) {
        return name.equals("ed25519") ? pki.ed25519() : pki.rsaPss();
    }

    @ParameterizedTest(name = "{0} certificate, Xtls client, SunJSSE server")
    @MethodSource("cases")
    void xtlsClientVerifiesTheServerKeyExchangeSignature(String cred, String suite, SignatureScheme scheme) {
        SSLEngine client = Peer.XTLS.engine(Role.CLIENT, pki, null, suite);
        SSLEngine server = Peer.SUN.engine(Role.SERVER, pki, credential(cred), suite);
        EnginePair.of(client, server, Mode.NORMAL).handshake();
        assertEquals(suite, client.getSession().getCipherSuite());
        assertEquals(scheme, ((XtlsSession) client.getSession()).details().peerSignatureScheme());
    }

    @ParameterizedTest(name = "{0} certificate, SunJSSE client, Xtls server")
    @MethodSource("cases")
    void xtlsServerSignsWithTheKeysOwnScheme(String cred, String suite, SignatureScheme scheme) throws Exception {
        SSLEngine client = Peer.SUN.engine(Role.CLIENT, pki, null, suite);
        SSLEngine server = Peer.XTLS.engine(Role.SERVER, pki, credential(cred), suite);
        EnginePair.of(client, server, Mode.NORMAL).handshake();
        assertEquals(suite, client.getSession().getCipherSuite());
        assertEquals(credential(cred).leaf(), client.getSession().getPeerCertificates()[0]);
    }
}
