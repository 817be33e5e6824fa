package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import dev.xtls.testing.Tls13ScriptedServer;
import dev.xtls.testing.Tls13ScriptedServer.Flight;
import dev.xtls.testing.Tls13ScriptedServer.Outcome;
import dev.xtls.testing.Tls13ScriptedServer.Tampering;
import dev.xtls.testing.TlsAlerts;
import dev.xtls.testing.WireAlert;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An Xtls TLS 1.3 client against a hand-written server ({@link Tls13ScriptedServer}) whose encrypted flight or
 * records break one rule each: every case ends in the fatal alert RFC 8446 names (the section is in the case's
 * name), read off the client's records (opened with its handshake keys), and in an SSLException that says what
 * was wrong.
 */
class Tls13EncryptedFlightAlertsTest {
    private static final int EE = Tls13ScriptedServer.ENCRYPTED_EXTENSIONS;
    private static final int CERTIFICATE = Tls13ScriptedServer.CERTIFICATE;
    private static final int CERTIFICATE_VERIFY = Tls13ScriptedServer.CERTIFICATE_VERIFY;
    private static final int FINISHED = Tls13ScriptedServer.FINISHED;
    private static final int HANDSHAKE = Tls13ScriptedServer.HANDSHAKE;
    private static final int MAX_PLAINTEXT = 1 << 14;
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    record Case(String name, Tampering tampering, String alert, String says) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("§4.2 EncryptedExtensions carrying key_share", extensionInEe(51, new byte[] {0, 0x1D, 0, 0}),
                        "illegal_parameter", "key_share"),
                new Case("§4.2 EncryptedExtensions carrying supported_versions", extensionInEe(43, new byte[] {3, 4}),
                        "illegal_parameter", "supported_versions"),
                new Case("§4.2 EncryptedExtensions carrying an extension the client did not offer",
                        extensionInEe(0x3A3A, new byte[0]), "unsupported_extension", "did not offer"),
                new Case("§4.4.2.4 empty server Certificate", replace(CERTIFICATE, new byte[] {11, 0, 0, 4, 0, 0, 0, 0}),
                        "decode_error", "empty"),
                new Case("§4.4.1 CertificateVerify without a Certificate", replace(CERTIFICATE, (byte[]) null),
                        "unexpected_message", "certificate_verify while expecting"),
                new Case("§4.4.3 CertificateVerify signature altered", replace(CERTIFICATE_VERIFY, m -> {
                    m[m.length - 5] ^= 1;
                    return m;
                }), "decrypt_error", "CertificateVerify"),
                new Case("§4.4.3 CertificateVerify with rsa_pkcs1_sha256", replace(CERTIFICATE_VERIFY, m -> {
                    m[4] = 0x04;
                    m[5] = 0x01;
                    return m;
                }), "illegal_parameter", "rsa_pkcs1_sha256"),
                new Case("§4.4.3 CertificateVerify with a scheme the client did not offer", replace(CERTIFICATE_VERIFY,
                        m -> {
                            m[4] = 0x07;
                            m[5] = 0x07; // unassigned
                            return m;
                        }), "illegal_parameter", "which is not among"),
                new Case("§4.4.4 server Finished altered", replace(FINISHED, m -> {
                    m[m.length - 1] ^= 1;
                    return m;
                }), "decrypt_error", "Finished"),
                new Case("§5.2 record tag altered", flight((messages, out) -> {
                    standardPrefix(messages, out);
                    out.sealedThen(HANDSHAKE, messages.get(1), r -> {
                        r[r.length - 1] ^= 1;
                        return r;
                    });
                }), "bad_record_mac", ""),
                new Case("§5.4 record of zeros only", flight((messages, out) -> {
                    standardPrefix(messages, out);
                    out.sealedInner(new byte[10]);
                }), "unexpected_message", "zero"),
                new Case("§5.4 inner plaintext over 2^14 + 1 bytes", flight((messages, out) -> {
                    standardPrefix(messages, out);
                    byte[] inner = new byte[MAX_PLAINTEXT + 2];
                    System.arraycopy(messages.get(1), 0, inner, 0, messages.get(1).length);
                    inner[messages.get(1).length] = HANDSHAKE; // then padding
                    out.sealedInner(inner);
                }), "record_overflow", "2^14"),
                new Case("§5.2 ciphertext over 2^14 + 256 bytes", flight((messages, out) -> {
                    standardPrefix(messages, out);
                    out.sealedInner(new byte[MAX_PLAINTEXT + 256]); // + 16 tag bytes
                }), "record_overflow", "exceeds"),
                new Case("§5 handshake record in clear after ServerHello", flight((messages, out) -> {
                    standardPrefix(messages, out);
                    out.plaintext(HANDSHAKE, messages.get(1));
                }), "unexpected_message", "unprotected"),
                new Case("§5.2 application_data record that is not protected", flight((messages, out) -> {
                    standardPrefix(messages, out);
                    out.plaintext(Tls13ScriptedServer.APPLICATION_DATA, new byte[] {1, 2, 3});
                }), "bad_record_mac", "authentication"),
                new Case("§5 ChangeCipherSpec of value 2", flight((messages, out) -> {
                    out.plaintext(HANDSHAKE, messages.get(0));
                    out.plaintext(Tls13ScriptedServer.CHANGE_CIPHER_SPEC, new byte[] {2});
                }), "unexpected_message", "ChangeCipherSpec"),
                new Case("§5.1 ServerHello record carrying the start of EncryptedExtensions across the key change",
                        flight((messages, out) -> {
                            out.plaintext(HANDSHAKE, concat(messages.get(0), Arrays.copyOf(messages.get(1), 2)));
                            messages.subList(1, messages.size()).forEach(m -> out.sealed(HANDSHAKE, m));
                        }), "unexpected_message", "key change"),
                new Case("§5.1 ServerHello record carrying EncryptedExtensions in clear", flight((messages, out) -> {
                    out.plaintext(HANDSHAKE, concat(messages.get(0), messages.get(1)));
                    messages.subList(2, messages.size()).forEach(m -> out.sealed(HANDSHAKE, m));
                }), "unexpected_message", "key change"),
                new Case("§5.1 handshake message interleaved with application data", flight((messages, out) -> {
                    standardPrefix(messages, out);
                    byte[] ee = messages.get(1);
                    out.sealed(HANDSHAKE, Arrays.copyOf(ee, 3));
                    out.sealed(Tls13ScriptedServer.APPLICATION_DATA, new byte[] {1});
                    out.sealed(HANDSHAKE, Arrays.copyOfRange(ee, 3, ee.length));
                }), "unexpected_message", "application data received before the handshake completed"));
    }

    @Test
    void theScriptUntamperedCompletesTheHandshake() throws Exception {
        Outcome o = new Tls13ScriptedServer(xtlsClient(), pki.ecdsaP256()).run(new Tampering() { });
        assertTrue(o.failure().isEmpty(), () -> o.failure().get().getMessage());
        assertEquals(List.of(), o.alertsSent());
        assertEquals(List.of(FINISHED), o.handshakeSent(), "the client answers with its Finished");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void anXtlsClientAnswersABrokenEncryptedFlightWithTheRfcAlert(Case c) throws Exception {
        Outcome o = new Tls13ScriptedServer(xtlsClient(), pki.ecdsaP256()).run(c.tampering());
        WireAlert alert = o.alert();
        assertEquals(WireAlert.FATAL, alert.level(), alert::toString);
        assertEquals(c.alert(), alert.name(), o::message);
        assertTrue(o.message().contains(c.says()), o.message());
        assertEquals(c.alert(), TlsAlerts.nameIn(o.message()).orElse(""), o.message());
        assertTrue(o.closed(), "the Xtls engine ends closed");
    }

    private static SSLEngine xtlsClient() {
        SSLEngine e = Peer.XTLS.engine(Role.CLIENT, pki, null);
        e.setEnabledProtocols(new String[] {"TLSv1.3"});
        e.setEnabledCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256"});
        return e;
    }

    private static Tampering extensionInEe(int type, byte[] data) {
        byte[] list = concat(new byte[] {(byte) (type >>> 8), (byte) type, 0, (byte) data.length}, data);
        byte[] body = concat(new byte[] {0, (byte) list.length}, list);
        return replace(EE, concat(new byte[] {EE, 0, 0, (byte) body.length}, body));
    }

    private static Tampering replace(int type, byte[] with) {
        return replace(type, m -> with);
    }

    private static Tampering replace(int type, java.util.function.UnaryOperator<byte[]> with) {
        return new Tampering() {
            @Override
            public byte[] message(byte[] message) {
                return (message[0] & 0xFF) == type ? with.apply(message) : message;
            }
        };
    }

    private static Tampering flight(java.util.function.BiConsumer<List<byte[]>, Flight> send) {
        return new Tampering() {
            @Override
            public void flight(List<byte[]> messages, Flight out) {
                send.accept(messages, out);
            }
        };
    }

    /** ServerHello and the compatibility ChangeCipherSpec, in clear. */
    private static void standardPrefix(List<byte[]> messages, Flight out) {
        out.plaintext(HANDSHAKE, messages.get(0));
        out.plaintext(Tls13ScriptedServer.CHANGE_CIPHER_SPEC, new byte[] {1});
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
