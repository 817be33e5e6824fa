package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import dev.xtls.testing.WireRecord;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each kind of bad input, fed to Xtls by tampering with a real peer's (SunJSSE's) records: Xtls must fail with a
 * clear exception, the peer must receive the named alert (RFC 5246 §7.2), and the Xtls engine must end closed.
 */
class BadInputAlertsTest {
    private static final String ECDSA_128 = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static final String RSA_256 = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    /** SunJSSE client, Xtls server; {@code clientRecords} rewrites what the client sends. */
    private static Failure sunClientToXtlsServer(UnaryOperator<ByteBuffer> clientRecords, String... suites) {
        SSLEngine client = Peer.SUN.engine(Role.CLIENT, pki, null, suites);
        SSLEngine server = Peer.XTLS.engine(Role.SERVER, pki, pki.ecdsaP256(), ECDSA_128);
        Failure f = EnginePair.builder(client, server).intercept(Role.CLIENT, clientRecords).lenient().build()
                .expectHandshakeFailure();
        assertTrue(server.isInboundDone() && server.isOutboundDone(), "the Xtls engine ends closed");
        return f;
    }

    private static Failure xtlsClientToSunServer(UnaryOperator<ByteBuffer> serverRecords,
            dev.xtls.testing.Credential serverCredential) {
        SSLEngine client = Peer.XTLS.engine(Role.CLIENT, pki, null, ECDSA_128, RSA_256);
        SSLEngine server = Peer.SUN.engine(Role.SERVER, pki, serverCredential);
        EnginePair.Builder b = EnginePair.builder(client, server).lenient();
        if (serverRecords != null) {
            b.intercept(Role.SERVER, serverRecords);
        }
        Failure f = b.build().expectHandshakeFailure();
        assertTrue(client.isInboundDone() && client.isOutboundDone(), "the Xtls engine ends closed");
        return f;
    }

    private static void assertAlert(Failure f, Role peer, String alert) {
        assertEquals(alert, f.alertReceivedBy(peer).orElseThrow(() -> new AssertionError(
                "the peer received no alert; Xtls said: " + f.of(peer.peer()).map(Throwable::getMessage))));
    }

    private static String xtlsMessage(Failure f, Role xtls) {
        return f.of(xtls).map(SSLException::getMessage).orElseThrow();
    }

    @Test
    void refusesAnOversizedHandshakeMessageFromItsHeaderAlone() {
        // a ClientHello may be larger (LargeClientHelloTest); other messages keep jdk.tls.maxHandshakeMessageSize
        Failure f = sunClientToXtlsServer(Tamper.handshake(16, r -> {
            r[6] = 0x01; // announce a 65,537+ byte ClientKeyExchange in a short record
            return r;
        }), ECDSA_128);
        assertAlert(f, Role.CLIENT, "illegal_parameter");
        assertTrue(xtlsMessage(f, Role.SERVER).contains("exceeds the limit of 65536"), xtlsMessage(f, Role.SERVER));
    }

    @Test
    void answersAnOverlongRecordWithRecordOverflow() {
        Failure f = sunClientToXtlsServer(Tamper.handshake(1, r -> {
            byte[] big = Arrays.copyOf(r, 5 + (1 << 14) + 1);
            big[3] = (byte) 0x40;
            big[4] = 0x01; // 2^14 + 1 bytes of plaintext
            return big;
        }), ECDSA_128);
        assertAlert(f, Role.CLIENT, "record_overflow");
    }

    @Test
    void answersAMessageOutOfOrderWithUnexpectedMessage() {
        Failure f = sunClientToXtlsServer(Tamper.handshake(16, r -> {
            r[5] = 14; // ClientKeyExchange turned into a ServerHelloDone-typed message
            return r;
        }), ECDSA_128);
        assertAlert(f, Role.CLIENT, "unexpected_message");
        assertTrue(xtlsMessage(f, Role.SERVER).contains("while expecting ClientKeyExchange"),
                xtlsMessage(f, Role.SERVER));
    }

    @Test
    void answersChangeCipherSpecBeforeTheKeyExchangeWithUnexpectedMessage() {
        Failure f = sunClientToXtlsServer(Tamper.handshake(16, r -> new byte[] {20, 3, 3, 0, 1, 1}), ECDSA_128);
        assertAlert(f, Role.CLIENT, "unexpected_message");
        assertTrue(xtlsMessage(f, Role.SERVER).contains("ChangeCipherSpec"), xtlsMessage(f, Role.SERVER));
    }

    @Test
    void answersAMalformedClientHelloWithDecodeError() {
        Failure f = sunClientToXtlsServer(Tamper.handshake(1, r -> {
            int at = Tamper.cipherSuitesOffset(r);
            r[at] = 0;
            r[at + 1] = 3; // an odd cipher_suites length
            return r;
        }), ECDSA_128);
        assertAlert(f, Role.CLIENT, "decode_error");
    }

    @Test
    void answersAClientOfferingOnlyTls11WithProtocolVersion() {
        Failure f = sunClientToXtlsServer(Tamper.handshake(1, r -> {
            r[10] = 2; // client_version {3, 2}
            return r;
        }), ECDSA_128);
        assertAlert(f, Role.CLIENT, "protocol_version");
        assertTrue(xtlsMessage(f, Role.SERVER).contains("TLSv1.1"), xtlsMessage(f, Role.SERVER));
    }

    @Test
    void answersAServerChoosingTls11WithProtocolVersion() {
        Failure f = xtlsClientToSunServer(Tamper.handshake(2, r -> {
            r[10] = 2; // server_version {3, 2}
            return r;
        }), pki.ecdsaP256());
        assertAlert(f, Role.SERVER, "protocol_version");
    }

    @Test
    void answersAFinishedOverATamperedTranscriptWithDecryptError() {
        String previous = System.getProperty("jdk.tls.useExtendedMasterSecret");
        System.setProperty("jdk.tls.useExtendedMasterSecret", "false"); // keys must not depend on the transcript
        try {
            SSLEngine client = Peer.SUN.engine(Role.CLIENT, pki, null, ECDSA_128, RSA_256);
            SSLEngine server = Peer.XTLS.engine(Role.SERVER, pki, pki.ecdsaP256(), ECDSA_128);
            Failure f = EnginePair.builder(client, server).lenient().intercept(Role.CLIENT, Tamper.handshake(1, r -> {
                int at = Tamper.cipherSuitesOffset(r) + 4; // the second suite, which the server does not choose
                r[at] = 0x0A;
                r[at + 1] = 0x0A;
                return r;
            })).build().expectHandshakeFailure();
            assertAlert(f, Role.CLIENT, "decrypt_error");
            assertTrue(xtlsMessage(f, Role.SERVER).contains("Finished"), xtlsMessage(f, Role.SERVER));
        } finally {
            if (previous == null) {
                System.clearProperty("jdk.tls.useExtendedMasterSecret");
            } else {
                System.setProperty("jdk.tls.useExtendedMasterSecret", previous);
            }
        }
    }

    @Test
    void answersATamperedRecordWithBadRecordMac() {
        // the client's Finished is its first encrypted handshake record
        Failure f = sunClientToXtlsServer(Tamper.nth(WireRecord.HANDSHAKE, 2, Tamper::flipLastByte), ECDSA_128);
        assertAlert(f, Role.CLIENT, "bad_record_mac");
    }

    @Test
    void answersNoCommonSuiteWithHandshakeFailureNamingBothSides() {
        Failure f = sunClientToXtlsServer(UnaryOperator.identity(), RSA_256);
        assertAlert(f, Role.CLIENT, "handshake_failure");
        String message = xtlsMessage(f, Role.SERVER);
        assertTrue(message.contains("client offered [" + RSA_256 + "]") && message.contains(ECDSA_128), message);
        assertTrue(f.of(Role.SERVER).get() instanceof SSLHandshakeException);
    }

    @Test
    void refusesAClientOfferingOnlyInsecureSuitesAndSaysWhy() {
        Failure f = sunClientToXtlsServer(Tamper.handshake(1, r -> {
            int at = Tamper.cipherSuitesOffset(r);
            int length = ((r[at] & 0xFF) << 8) | (r[at + 1] & 0xFF);
            for (int i = at + 2; i < at + 2 + length; i += 2) {
                r[i] = 0x00;
                r[i + 1] = 0x0A; // TLS_RSA_WITH_3DES_EDE_CBC_SHA
            }
            return r;
        }), ECDSA_128);
        assertAlert(f, Role.CLIENT, "handshake_failure");
        assertTrue(xtlsMessage(f, Role.SERVER).contains("3DES"), xtlsMessage(f, Role.SERVER));
    }

    @Test
    void answersNoCommonGroupWithHandshakeFailureNamingBothSides() {
        Failure f = sunClientToXtlsServer(Tamper.handshake(1, BadInputAlertsTest::greaseSupportedGroups), ECDSA_128);
        assertAlert(f, Role.CLIENT, "handshake_failure");
        String message = xtlsMessage(f, Role.SERVER);
        assertTrue(message.contains("no common EC group") && message.contains("x25519"), message);
    }

    @Test
    void rejectsAnUntrustedServerWithUnknownCaNamingTheCertificate() {
        Failure f = xtlsClientToSunServer(null, pki.untrusted());
        assertAlert(f, Role.SERVER, "unknown_ca");
        String message = xtlsMessage(f, Role.CLIENT);
        assertTrue(message.contains(pki.untrusted().leaf().getSubjectX500Principal().getName().split(",")[0]),
                message);
    }

    @Test
    void rejectsAnExpiredServerWithCertificateExpiredNamingTheCertificate() {
        Failure f = xtlsClientToSunServer(null, pki.expired());
        assertAlert(f, Role.SERVER, "certificate_expired");
        assertTrue(xtlsMessage(f, Role.CLIENT).contains("expired"), xtlsMessage(f, Role.CLIENT));
    }

    /** Replaces every named group in the ClientHello's supported_groups with GREASE values (RFC 8701). */
    private static byte[] greaseSupportedGroups(byte[] r) {
        int at = Tamper.cipherSuitesOffset(r);
        at += 2 + (((r[at] & 0xFF) << 8) | (r[at + 1] & 0xFF)); // cipher suites
        at += 1 + (r[at] & 0xFF); // compression methods
        int end = at + 2 + (((r[at] & 0xFF) << 8) | (r[at + 1] & 0xFF));
        at += 2;
        while (at < end) {
            int type = ((r[at] & 0xFF) << 8) | (r[at + 1] & 0xFF);
            int length = ((r[at + 2] & 0xFF) << 8) | (r[at + 3] & 0xFF);
            if (type == 10) {
                for (int g = at + 6; g < at + 4 + length; g += 2) {
                    r[g] = 0x0A;
                    r[g + 1] = 0x0A;
                }
            }
            at += 4 + length;
        }
        return r;
    }
}
