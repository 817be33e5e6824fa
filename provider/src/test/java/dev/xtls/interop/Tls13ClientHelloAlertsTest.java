package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.HelloExtensionReader;
import dev.xtls.testing.HelloTamper;
import dev.xtls.testing.Peer;
import dev.xtls.testing.PlaintextHandshake;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import dev.xtls.testing.WireAlert;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An Xtls TLS 1.3 server fed a tampered ClientHello from a real SunJSSE client: each case ends in the fatal alert
 * RFC 8446 names (the section is in the case's name), on the wire in plaintext, and in an SSLException that says
 * what was wrong. The pre_shared_key cases tamper the ClientHello of a resumption.
 */
class Tls13ClientHelloAlertsTest {
    private static final int CLIENT_HELLO = PlaintextHandshake.CLIENT_HELLO;
    private static final int SUPPORTED_GROUPS = 10;
    private static final int SIGNATURE_ALGORITHMS = 13;
    private static final int KEY_SHARE = HelloExtensionReader.KEY_SHARE;
    private static final int PRE_SHARED_KEY = HelloExtensionReader.PRE_SHARED_KEY;
    private static final int PSK_KEY_EXCHANGE_MODES = HelloExtensionReader.PSK_KEY_EXCHANGE_MODES;
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    /** One tampering of the client's first ClientHello, and what the Xtls server must answer. */
    record Case(String name, UnaryOperator<ByteBuffer> clientRecords, String alert, String says) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> fullHandshakeCases() {
        return Stream.of(
                new Case("§4.2.8 two key shares for one group", ch(KEY_SHARE, d -> duplicateFirstShare(d)),
                        "illegal_parameter", "x25519"),
                new Case("§4.2.8 key share for a group not in supported_groups",
                        ch(SUPPORTED_GROUPS, d -> new byte[] {0, 4, 0, 0x17, 0, 0x18}), "illegal_parameter",
                        "supported_groups"),
                new Case("§7.4.2 x25519 share giving the all-zero secret", ch(KEY_SHARE, d -> {
                    Arrays.fill(d, 6, 6 + HelloTamper.u16(d, 4), (byte) 0); // the first share, x25519
                    return d;
                }), "illegal_parameter", "all zeros"),
                new Case("§4.2.8.2 x25519 share one byte short", ch(KEY_SHARE, d -> shortFirstShare(d)),
                        "illegal_parameter", "31 bytes, expected 32"),
                new Case("§4.2.8.2 secp256r1 share that is not on the curve", ch(KEY_SHARE, d -> notOnCurve()),
                        "illegal_parameter", "secp256r1"),
                new Case("§9.2 supported_groups without key_share", ch(KEY_SHARE, d -> null), "missing_extension",
                        "key_share"),
                new Case("§9.2 key_share without supported_groups", ch(SUPPORTED_GROUPS, d -> null),
                        "missing_extension", "supported_groups"),
                new Case("§9.2 no signature_algorithms", ch(SIGNATURE_ALGORITHMS, d -> null), "missing_extension",
                        "signature_algorithms"),
                new Case("§4.1.2 legacy_compression_methods other than null", HelloTamper.body(CLIENT_HELLO, 0, b -> {
                    int at = HelloTamper.extensionsOffset(b, CLIENT_HELLO) - 2; // {1, 0}: the one method
                    b[at] = 1;
                    b[at + 1] = 1; // DEFLATE
                    return b;
                }), "illegal_parameter", "compression"));
    }

    static Stream<Case> resumptionCases() {
        return Stream.of(
                new Case("§4.2.11 binder that does not verify", resumption(d -> {
                    d[d.length - 1] ^= 1;
                    return d;
                }), "decrypt_error", "binder"),
                new Case("§4.2.11 pre_shared_key not the last extension", HelloTamper.body(CLIENT_HELLO, 0,
                        b -> HelloTamper.extensions(b, CLIENT_HELLO, Tls13ClientHelloAlertsTest::pskFirst)),
                        "illegal_parameter", "last"),
                new Case("§4.2.11 more binders than identities", resumption(d -> extraBinder(d)),
                        "illegal_parameter", "binders"),
                new Case("§4.2.9 pre_shared_key without psk_key_exchange_modes",
                        ch(PSK_KEY_EXCHANGE_MODES, d -> null), "missing_extension", "psk_key_exchange_modes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fullHandshakeCases")
    void anXtlsServerAnswersATamperedClientHelloWithTheRfcAlert(Case c) {
        EnginePair pair = EnginePair.builder(tls13(Peer.engine(Peer.SUN.context(Peer.TLS, pki), Role.CLIENT)),
                tls13(Peer.XTLS.engine(Role.SERVER, pki, pki.ecdsaP256()))).lenient()
                .intercept(Role.CLIENT, c.clientRecords()).build();
        Failure f = pair.expectHandshakeFailure();
        WireAlert.assertSentInPlaintext(pair, f, Role.SERVER, c.alert(), c.says());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resumptionCases")
    void anXtlsServerAnswersATamperedResumptionClientHelloWithTheRfcAlert(Case c) {
        SSLContext client = Peer.SUN.context(Peer.TLS, pki);
        SSLContext server = Peer.XTLS.context(Peer.TLS, pki, pki.ecdsaP256());
        EnginePair first = EnginePair.of(tls13(Peer.engine(client, Role.CLIENT)),
                tls13(Peer.engine(server, Role.SERVER)), EnginePair.Mode.NORMAL);
        first.handshake();
        first.transfer(new byte[1], new byte[1]); // the ticket comes after the handshake
        first.closeBoth();
        EnginePair pair = EnginePair.builder(tls13(Peer.engine(client, Role.CLIENT)),
                tls13(Peer.engine(server, Role.SERVER))).lenient().intercept(Role.CLIENT, c.clientRecords()).build();
        Failure f = pair.expectHandshakeFailure();
        WireAlert.assertSentInPlaintext(pair, f, Role.SERVER, c.alert(), c.says());
    }

    private static SSLEngine tls13(SSLEngine e) {
        e.setEnabledProtocols(new String[] {"TLSv1.3"});
        return e;
    }

    private static UnaryOperator<ByteBuffer> ch(int type, UnaryOperator<byte[]> data) {
        return HelloTamper.extension(CLIENT_HELLO, 0, type, data);
    }

    private static UnaryOperator<ByteBuffer> resumption(UnaryOperator<byte[]> offeredPsks) {
        return ch(PRE_SHARED_KEY, d -> {
            assertNotNull(d, "the client offers a ticket");
            return offeredPsks.apply(d);
        });
    }

    /** KeyShareClientHello (RFC 8446 §4.2.8) with its first entry sent twice. */
    private static byte[] duplicateFirstShare(byte[] shares) {
        int length = 4 + HelloTamper.u16(shares, 4);
        byte[] entry = Arrays.copyOfRange(shares, 2, 2 + length);
        byte[] rest = Arrays.copyOfRange(shares, 2, shares.length);
        return ByteBuffer.allocate(2 + entry.length + rest.length).putShort((short) (entry.length + rest.length))
                .put(entry).put(rest).array();
    }

    /** KeyShareClientHello with only its first entry (x25519), which lost its last byte. */
    private static byte[] shortFirstShare(byte[] shares) {
        int keyLength = HelloTamper.u16(shares, 4) - 1;
        byte[] key = Arrays.copyOfRange(shares, 6, 6 + keyLength);
        return ByteBuffer.allocate(2 + 4 + keyLength).putShort((short) (4 + keyLength)).put(shares, 2, 2)
                .putShort((short) keyLength).put(key).array();
    }

    /** A secp256r1 share (uncompressed point, RFC 8446 §4.2.8.2) whose coordinates are not on the curve. */
    private static byte[] notOnCurve() {
        byte[] point = new byte[65];
        Arrays.fill(point, (byte) 1);
        point[0] = 4;
        return ByteBuffer.allocate(2 + 4 + 65).putShort((short) (4 + 65)).putShort((short) 0x17).putShort((short) 65)
                .put(point).array();
    }

    /** OfferedPsks (RFC 8446 §4.2.11) with its first binder sent twice. */
    private static byte[] extraBinder(byte[] psks) {
        int binders = 2 + HelloTamper.u16(psks, 0);
        int firstBinder = 1 + (psks[binders + 2] & 0xFF);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(psks, 0, binders);
        int length = HelloTamper.u16(psks, binders) + firstBinder;
        out.write(length >>> 8);
        out.write(length);
        out.write(psks, binders + 2, psks.length - binders - 2);
        out.write(psks, binders + 2, firstBinder);
        return out.toByteArray();
    }

    /** The extension list with pre_shared_key moved to the front. */
    private static byte[] pskFirst(byte[] list) {
        ByteArrayOutputStream psk = new ByteArrayOutputStream();
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        int at = 0;
        while (at + 4 <= list.length) {
            int length = HelloTamper.u16(list, at + 2);
            (HelloTamper.u16(list, at) == PRE_SHARED_KEY ? psk : rest).write(list, at, 4 + length);
            at += 4 + length;
        }
        assertNotNull(psk.size() > 0 ? psk : null, "the client offers a ticket");
        psk.writeBytes(rest.toByteArray());
        return psk.toByteArray();
    }
}
