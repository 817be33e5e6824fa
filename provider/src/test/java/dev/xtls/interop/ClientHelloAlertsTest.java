package dev.xtls.interop;

import static dev.xtls.interop.HelloFields.concat;
import static dev.xtls.interop.HelloFields.hex;
import static dev.xtls.interop.HelloFields.hostName;
import static dev.xtls.interop.HelloFields.serverNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per kind of bad ClientHello: a real SunJSSE ClientHello is rewritten in flight, and the Xtls server must
 * answer with the alert RFC 8446 §6.2 defines for it (which describes TLS 1.2 practice too): a length that does
 * not match its contents is decode_error, a well-formed field with a value that is not allowed is
 * illegal_parameter, a message where none may come is unexpected_message. Its exception names the field.
 * Rows run against the server's TLS 1.2 path (a TLS 1.2-only client) and its TLS 1.3 path (a client offering
 * TLS 1.3) unless the row names one: the server parses one ClientHello for both.
 */
class ClientHelloAlertsTest {
    private static final String ECDSA_128 = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static final String TLS13 = "TLSv1.3";
    private static final String TLS12 = "TLSv1.2";
    private static final int SERVER_NAME = 0;
    private static final int SUPPORTED_GROUPS = 10;
    private static final int EC_POINT_FORMATS = 11;
    private static final int SIGNATURE_ALGORITHMS = 13;
    private static final int EXTENDED_MASTER_SECRET = 23;
    private static final int PRE_SHARED_KEY = 41;
    private static final int SUPPORTED_VERSIONS = 43;
    private static final int PSK_KEY_EXCHANGE_MODES = 45;
    private static final int KEY_SHARE = 51;
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    /** {@code version}: the path the row runs on, null for both. */
    private record Row(String name, String version, Function<HelloFields, byte[]> mutation, String alert,
            String message) {
        Row only(String v) {
            return new Row(name, v, mutation, alert, message);
        }
    }

    private static Row row(String name, Function<HelloFields, byte[]> mutation, String alert, String message) {
        return new Row(name, null, mutation, alert, message);
    }

    private static byte[] name(String ascii) {
        return ascii.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Stream<Row> rows() {
        return Stream.of(
                // RFC 5246 §7.4.1.2: SessionID session_id<0..32>
                row("session_id of 33 bytes", h -> h.splice(h.sessionId, h.cipherSuites,
                        concat(new byte[] {33}, new byte[33])), "decode_error", "session_id"),
                row("cipher_suites of odd length", h -> h.splice(h.cipherSuites, h.compression,
                        hex("0003c02b00")), "decode_error", "odd length"),
                row("no cipher_suites", h -> h.splice(h.cipherSuites, h.compression, hex("0000")),
                        "decode_error", "cipher_suites"),
                row("no compression_methods", h -> h.splice(h.compression, h.extensions, hex("00")),
                        "decode_error", "compression_methods"),
                row("compression_methods without null", h -> h.splice(h.compression, h.extensions, hex("0101")),
                        "illegal_parameter", "null compression"),
                // RFC 8446 §4.1.2: exactly one byte, null
                row("compression_methods beyond null in TLS 1.3", h -> h.splice(h.compression, h.extensions,
                        hex("020001")), "illegal_parameter", "null compression").only(TLS13),
                row("extensions block longer than the message", h -> h.splice(h.extensions, h.extensions + 2,
                        u16(h.extensionList().length + 1)), "decode_error", "extensions"),
                row("extension longer than the block", h -> h.withExtensions(concat(h.extensionList(),
                        hex("7a7a0010"))), "decode_error", "extension_data"),
                row("trailing byte after the extensions", h -> concat(h.body, hex("00")), "decode_error",
                        "ClientHello"),
                // RFC 8446 §4.2 (and RFC 5246 §7.4.1.4): no two extensions of one type in a block
                row("duplicate extension", h -> h.plus(SUPPORTED_GROUPS, hex("0002001d")), "illegal_parameter",
                        "duplicate"),
                // RFC 6066 §3
                row("two host_names", h -> h.replacing(SERVER_NAME, serverNames(hostName(name("a.example")),
                        hostName(name("b.example")))), "illegal_parameter", "more than one"),
                row("empty host_name", h -> h.replacing(SERVER_NAME, serverNames(hostName(new byte[0]))),
                        "illegal_parameter", "empty"),
                row("host_name with NUL", h -> h.replacing(SERVER_NAME, serverNames(hostName(
                        name("a\0.example")))), "illegal_parameter", "0x00"),
                row("host_name with a control byte", h -> h.replacing(SERVER_NAME, serverNames(hostName(
                        name("a\t.example")))), "illegal_parameter", "0x09"),
                row("host_name with DEL", h -> h.replacing(SERVER_NAME, serverNames(hostName(
                        name("a\u007f.example")))), "illegal_parameter", "0x7f"),
                row("host_name with a non-ASCII byte", h -> h.replacing(SERVER_NAME, serverNames(hostName(
                        name("caf\u00e9.example")))), "illegal_parameter", "0xe9"),
                row("server_name list shorter than its entries", h -> h.replacing(SERVER_NAME,
                        hex("0005000009612e6578616d706c65")), "decode_error", "server_name"),
                row("supported_groups of odd length", h -> h.replacing(SUPPORTED_GROUPS, hex("0003001d00")),
                        "decode_error", "odd length"),
                row("empty signature_algorithms", h -> h.replacing(SIGNATURE_ALGORITHMS, hex("0000")),
                        "decode_error", "signature_algorithms"),
                // RFC 8422 §5.1.2
                row("ec_point_formats without uncompressed", h -> h.replacing(EC_POINT_FORMATS, hex("0101")),
                        "illegal_parameter", "uncompressed").only(TLS12),
                // RFC 7627 §5.1
                row("extended_master_secret with data", h -> h.replacing(EXTENDED_MASTER_SECRET, hex("00")),
                        "decode_error", "extended_master_secret").only(TLS12),
                // RFC 8446 §4.2.1, §4.2.8, §4.2.9, §4.2.11
                row("supported_versions of odd length", h -> h.replacing(SUPPORTED_VERSIONS, hex("0303040303")),
                        "decode_error", "supported_versions").only(TLS13),
                row("key_share for a group not in supported_groups", h -> h.replacing(KEY_SHARE,
                        concat(u16(2 + 2 + 32), hex("0a0a0020"), new byte[32])), "illegal_parameter",
                        "not in its supported_groups").only(TLS13),
                row("key_share shorter than its entries", h -> h.replacing(KEY_SHARE, hex("0010001d0020")),
                        "decode_error", "key_share").only(TLS13),
                row("empty psk_key_exchange_modes", h -> h.replacing(PSK_KEY_EXCHANGE_MODES, hex("00")),
                        "decode_error", "psk_key_exchange_modes").only(TLS13),
                row("pre_shared_key not last", h -> HelloFields.client(h.plus(PRE_SHARED_KEY,
                        hex("000a00040102030400000000002120" + "00".repeat(32)))).first(PRE_SHARED_KEY),
                        "illegal_parameter", "pre_shared_key").only(TLS13));
    }

    private static Stream<Arguments> cases() {
        return rows().flatMap(r -> Stream.of(TLS12, TLS13).filter(v -> r.version() == null || r.version().equals(v))
                .map(v -> Arguments.of(r.name() + " (" + v + " path)", v, r)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void serverAnswersEachBadClientHelloWithItsAlert(String name, String version, Row row) {
        Failure f = sunClientToXtlsServer(version, Tamper.messageBody(1, body -> row.mutation()
                .apply(HelloFields.client(body))));
        assertEquals(row.alert(), f.alertReceivedBy(Role.CLIENT).orElseThrow(() -> new AssertionError(
                "no alert; Xtls said " + f.server())), f.toString());
        String message = f.server().getMessage();
        assertTrue(message.contains(row.message()), message);
    }

    @ParameterizedTest(name = "{0} instead of a ClientHello")
    @MethodSource("otherMessages")
    void serverAnswersAnotherMessageInPlaceOfTheClientHelloWithUnexpectedMessage(String name, int type) {
        Failure f = sunClientToXtlsServer(TLS12, Tamper.handshake(1, r -> {
            r[5] = (byte) type;
            return r;
        }));
        assertEquals("unexpected_message", f.alertReceivedBy(Role.CLIENT).orElseThrow(), f.toString());
        assertTrue(f.server().getMessage().contains("ClientHello"), f.server().getMessage());
    }

    private static Stream<Arguments> otherMessages() {
        return Stream.of(Arguments.of("ServerHello", 2), Arguments.of("Certificate", 11),
                Arguments.of("Finished", 20));
    }

    private static Failure sunClientToXtlsServer(String version, UnaryOperator<ByteBuffer> clientRecords) {
        SSLEngine client = engine(Peer.SUN, Role.CLIENT, version);
        SSLEngine server = engine(Peer.XTLS, Role.SERVER, TLS13);
        Failure f = EnginePair.builder(client, server).intercept(Role.CLIENT, clientRecords).lenient().build()
                .expectHandshakeFailure();
        assertTrue(server.isInboundDone() && server.isOutboundDone(), "the Xtls engine ends closed");
        return f;
    }

    /** A TLS 1.2-only engine for {@code TLSv1.2}; for {@code TLSv1.3} one that offers TLS 1.3 and 1.2. */
    private static SSLEngine engine(Peer peer, Role role, String version) {
        SSLEngine e = role == Role.CLIENT
                ? peer.context(Peer.TLS, pki).createSSLEngine("localhost", 443)
                : peer.context(Peer.TLS, pki, pki.ecdsaP256()).createSSLEngine();
        e.setUseClientMode(role == Role.CLIENT);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(version.equals(TLS13) ? new String[] {TLS13, TLS12} : new String[] {TLS12});
        if (version.equals(TLS12)) {
            p.setCipherSuites(new String[] {ECDSA_128});
        }
        e.setSSLParameters(p);
        return e;
    }

    private static byte[] u16(int value) {
        return new byte[] {(byte) (value >>> 8), (byte) value};
    }
}
