package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import dev.xtls.testing.Tls13ScriptedClient;
import dev.xtls.testing.Tls13ScriptedClient.Tampering;
import dev.xtls.testing.Tls13ScriptedServer.Outcome;
import dev.xtls.testing.TlsAlerts;
import dev.xtls.testing.WireAlert;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An Xtls TLS 1.3 server against a hand-written client ({@link Tls13ScriptedClient}) whose second flight breaks
 * one rule each: every case ends in the fatal alert RFC 8446 names (the section is in the case's name), read off
 * the server's records (opened with its application keys), and in an SSLException that says what was wrong.
 */
class Tls13ClientFlightAlertsTest {
    private static final int CERTIFICATE = Tls13ScriptedClient.CERTIFICATE;
    private static final int CERTIFICATE_VERIFY = Tls13ScriptedClient.CERTIFICATE_VERIFY;
    private static final int FINISHED = Tls13ScriptedClient.FINISHED;
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    record Case(String name, boolean clientAuth, Tampering tampering, String alert, String says) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("§4.4.4 client Finished altered", false, replace(FINISHED, m -> {
                    m[m.length - 1] ^= 1;
                    return m;
                }), "decrypt_error", "client Finished does not match"),
                new Case("§4.4.4 client Finished altered after a client certificate", true, replace(FINISHED, m -> {
                    m[4] ^= 1;
                    return m;
                }), "decrypt_error", "client Finished does not match"),
                new Case("§4.4.3 client CertificateVerify signature altered", true, replace(CERTIFICATE_VERIFY, m -> {
                    m[m.length - 5] ^= 1;
                    return m;
                }), "decrypt_error", "CertificateVerify"),
                new Case("§4.4.3 client CertificateVerify with rsa_pkcs1_sha256", true,
                        replace(CERTIFICATE_VERIFY, m -> {
                            m[4] = 0x04;
                            m[5] = 0x01;
                            return m;
                        }), "illegal_parameter", "rsa_pkcs1_sha256"),
                new Case("§4.4.2.4 empty client Certificate when one is required", true, replace(CERTIFICATE,
                        m -> new byte[] {11, 0, 0, 4, 0, 0, 0, 0}), "certificate_required", "no certificate"),
                new Case("§4.4.1 client Finished without the CertificateVerify", true,
                        replace(CERTIFICATE_VERIFY, m -> null), "unexpected_message", "finished while expecting"));
    }

    @Test
    void theScriptUntamperedCompletesTheHandshakeWithAndWithoutAClientCertificate() throws Exception {
        for (boolean clientAuth : List.of(false, true)) {
            Outcome o = new Tls13ScriptedClient(xtlsServer(clientAuth), pki.ecdsaP256()).run(new Tampering() { });
            assertTrue(o.failure().isEmpty(), () -> o.failure().get().getMessage());
            assertEquals(List.of(), o.alertsSent());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void anXtlsServerAnswersABrokenClientFlightWithTheRfcAlert(Case c) throws Exception {
        Outcome o = new Tls13ScriptedClient(xtlsServer(c.clientAuth()), pki.ecdsaP256()).run(c.tampering());
        WireAlert alert = o.alert();
        assertEquals(WireAlert.FATAL, alert.level(), alert::toString);
        assertEquals(c.alert(), alert.name(), o::message);
        assertTrue(o.message().contains(c.says()), o.message());
        assertEquals(c.alert(), TlsAlerts.nameIn(o.message()).orElse(""), o.message());
        assertTrue(o.closed(), "the Xtls engine ends closed");
    }

    private static SSLEngine xtlsServer(boolean needClientAuth) {
        SSLEngine e = Peer.XTLS.engine(Role.SERVER, pki, pki.ecdsaP256());
        e.setEnabledProtocols(new String[] {"TLSv1.3"});
        e.setNeedClientAuth(needClientAuth);
        return e;
    }

    private static Tampering replace(int type, UnaryOperator<byte[]> with) {
        return new Tampering() {
            @Override
            public byte[] message(byte[] message) {
                return (message[0] & 0xFF) == type ? with.apply(message) : message;
            }
        };
    }
}
