package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exact message when no protocol version or cipher suite is in common, against SunJSSE and Bouncy Castle JSSE:
 * the side that detects it names both lists and what its own settings removed; the side that receives the alert
 * says what the alert means and what it offered.
 */
class NegotiationFailureMessagesTest {
    private static final String GROUPS = "[x25519, secp256r1, secp384r1, secp521r1, x448, ffdhe2048, ffdhe3072,"
            + " ffdhe4096]";
    private static final String ECDSA_128 = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static final String ECDSA_256 = "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
    private static final String NOT_ENABLED = "not enabled by setEnabledProtocols, SSLParameters or the context's"
            + " defaults";
    private static final String SUITES_NOT_ENABLED = "by setEnabledCipherSuites (or SSLParameters)";
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    @Test
    void aTls13OnlyClientHearsTheServerRefuseItsVersionsAndSeesWhatItOffered() {
        Failure f = handshake(Peer.XTLS, "TLSv1.3", null, Peer.SUN, "TLSv1.2", null);
        assertEquals("Received fatal alert: protocol_version: the server refused the handshake: it supports none of"
                + " the protocol versions we offered; we offered [TLSv1.3]; removed here: [TLSv1.2] " + NOT_ENABLED,
                f.client().getMessage());
    }

    @Test
    void aTls13OnlyServerNamesBothVersionListsAndWhatItsSettingsRemoved() {
        Failure f = handshake(Peer.SUN, "TLSv1.2", null, Peer.XTLS, "TLSv1.3", null);
        assertEquals("(protocol_version) no protocol version in common: the client offers [TLSv1.2], this server"
                + " enables [TLSv1.3]; removed here: [TLSv1.2] " + NOT_ENABLED, f.server().getMessage());
    }

    @Test
    void aTls12ClientWithoutACommonSuiteSeesTheAlertsMeaningAndItsOffer() {
        Failure f = handshake(Peer.XTLS, "TLSv1.2", ECDSA_128, Peer.SUN, "TLSv1.2", ECDSA_256);
        assertEquals("Received fatal alert: handshake_failure: the server refused the handshake: it shares no cipher"
                + " suite, group or signature algorithm with us, or requires something we did not send; we offered"
                + " [TLSv1.2] with cipher suites [" + ECDSA_128 + " (0xC02B)] and groups " + GROUPS
                + "; removed here: [TLSv1.3] " + NOT_ENABLED + "; [" + ECDSA_256 + ","
                + " TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,"
                + " TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, ... (26 in all)] " + SUITES_NOT_ENABLED,
                f.client().getMessage());
    }

    @Test
    void aTls12ServerWithoutACommonSuiteNamesBothLists() {
        Failure f = handshake(Peer.BC, "TLSv1.2", ECDSA_128, Peer.XTLS, "TLSv1.2", ECDSA_256);
        assertEquals("(handshake_failure) no cipher suite in common; client offered [" + ECDSA_128 + "], server"
                + " enabled [" + ECDSA_256 + "]; removed here: [TLSv1.3] " + NOT_ENABLED + "; [" + ECDSA_128 + ","
                + " TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,"
                + " TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, ... (26 in all)] " + SUITES_NOT_ENABLED,
                f.server().getMessage());
    }

    @Test
    void aTls13ClientWithoutACommonSuiteSeesTheAlertsMeaningAndItsOffer() {
        Failure f = handshake(Peer.XTLS, "TLSv1.3", "TLS_AES_128_GCM_SHA256", Peer.SUN, "TLSv1.3",
                "TLS_AES_256_GCM_SHA384");
        assertEquals("Received fatal alert: handshake_failure: the server refused the handshake: it shares no cipher"
                + " suite, group or signature algorithm with us, or requires something we did not send; we offered"
                + " [TLSv1.3] with cipher suites [TLS_AES_128_GCM_SHA256 (0x1301)] and groups " + GROUPS
                + "; removed here: [TLSv1.2] " + NOT_ENABLED + "; [TLS_AES_256_GCM_SHA384,"
                + " TLS_CHACHA20_POLY1305_SHA256] " + SUITES_NOT_ENABLED, f.client().getMessage());
    }

    @Test
    void aTls13ServerWithoutACommonSuiteNamesBothLists() {
        Failure f = handshake(Peer.SUN, "TLSv1.3", "TLS_AES_128_GCM_SHA256", Peer.XTLS, "TLSv1.3",
                "TLS_AES_256_GCM_SHA384");
        assertEquals("(handshake_failure) no TLS 1.3 cipher suite in common; client offered [TLS_AES_128_GCM_SHA256],"
                + " server enabled [TLS_AES_256_GCM_SHA384]; removed here: [TLSv1.2] " + NOT_ENABLED
                + "; [TLS_AES_128_GCM_SHA256, TLS_CHACHA20_POLY1305_SHA256] " + SUITES_NOT_ENABLED,
                f.server().getMessage());
    }

    /** Each side restricted to one protocol version and, if given, one cipher suite. */
    private static Failure handshake(Peer client, String clientVersion, String clientSuite, Peer server,
            String serverVersion, String serverSuite) {
        SSLEngine c = engine(client.context(Peer.TLS, pki), true, clientVersion, clientSuite);
        SSLEngine s = engine(server.context(Peer.TLS, pki, pki.ecdsaP256()), false, serverVersion, serverSuite);
        return EnginePair.builder(c, s).lenient().build().expectHandshakeFailure();
    }

    private static SSLEngine engine(SSLContext ctx, boolean client, String version, String suite) {
        SSLEngine e = client ? ctx.createSSLEngine("localhost", 443) : ctx.createSSLEngine();
        e.setUseClientMode(client);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {version});
        if (suite != null) {
            p.setCipherSuites(new String[] {suite});
        }
        e.setSSLParameters(p);
        return e;
    }
}
