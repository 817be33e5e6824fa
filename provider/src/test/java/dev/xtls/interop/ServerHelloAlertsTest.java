package dev.xtls.interop;

import static dev.xtls.interop.HelloFields.concat;
import static dev.xtls.interop.HelloFields.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.nio.ByteBuffer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per kind of bad TLS 1.2 ServerHello: a real SunJSSE ServerHello is rewritten in flight, and the Xtls
 * client must answer with the alert RFC 8446 §6.2 defines for it (decode_error for a length that does not match
 * its contents, illegal_parameter for a well-formed value that is not allowed, unexpected_message for a message
 * where none may come) and name the field. Unsolicited extensions are UnsolicitedServerHelloExtensionsTest's.
 */
class ServerHelloAlertsTest {
    private static final String ECDSA_128 = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static final String RSA_256 = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
    private static final int EC_POINT_FORMATS = 11;
    private static final int EXTENDED_MASTER_SECRET = 23;
    private static final int RENEGOTIATION_INFO = 0xFF01;
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    private static Stream<Arguments> rows() {
        return Stream.of(
                // RFC 5246 §7.4.1.3: SessionID session_id<0..32>
                row("session_id of 33 bytes", h -> h.splice(h.sessionId, h.cipherSuites,
                        concat(new byte[] {33}, new byte[33])), "decode_error", "session_id"),
                // RFC 5246 §7.4.1.3: "a single cipher suite selected by the server from the list in
                // ClientHello.cipher_suites"
                row("a cipher suite the client did not offer", h -> h.splice(h.cipherSuites, h.cipherSuites + 2,
                        hex("009c")), "illegal_parameter", "cipher suite"),
                row("a compression method the client did not offer", h -> h.splice(h.compression,
                        h.compression + 1, hex("01")), "illegal_parameter", "compression"),
                row("extensions block longer than the message", h -> h.splice(h.extensions, h.extensions + 2,
                        u16(h.extensionList().length + 1)), "decode_error", "extensions"),
                row("extension longer than the block", h -> h.withExtensions(concat(h.extensionList(),
                        hex("7a7a0010"))), "decode_error", "extension_data"),
                row("trailing byte after the extensions", h -> concat(h.body, hex("00")), "decode_error",
                        "ServerHello"),
                row("duplicate extension", h -> h.plus(EXTENDED_MASTER_SECRET, new byte[0]), "illegal_parameter",
                        "duplicate"),
                // RFC 7627 §5.1
                row("extended_master_secret with data", h -> h.replacing(EXTENDED_MASTER_SECRET, hex("00")),
                        "decode_error", "extended_master_secret"),
                // RFC 8422 §5.2: the server's list must contain uncompressed
                row("ec_point_formats without uncompressed", h -> h.replacing(EC_POINT_FORMATS, hex("0101")),
                        "illegal_parameter", "uncompressed"),
                // RFC 5746 §3.4: a non-empty renegotiated_connection in an initial handshake is handshake_failure
                row("non-empty renegotiation_info", h -> h.replacing(RENEGOTIATION_INFO, hex("0100")),
                        "handshake_failure", "renegotiation_info"));
    }

    private static Arguments row(String name, Function<HelloFields, byte[]> mutation, String alert,
            String message) {
        return Arguments.of(name, mutation, alert, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void clientAnswersEachBadServerHelloWithItsAlert(String name, Function<HelloFields, byte[]> mutation,
            String alert, String message) {
        Failure f = xtlsClientToSunServer(Tamper.messageBody(2, body -> mutation.apply(HelloFields.server(body))));
        assertEquals(alert, f.alertReceivedBy(Role.SERVER).orElseThrow(() -> new AssertionError(
                "no alert; Xtls said " + f.client())), f.toString());
        assertTrue(f.client().getMessage().contains(message), f.client().getMessage());
    }

    @ParameterizedTest(name = "{0} instead of a ServerHello")
    @MethodSource("otherMessages")
    void clientAnswersAnotherMessageInPlaceOfTheServerHelloWithUnexpectedMessage(String name, int type) {
        Failure f = xtlsClientToSunServer(Tamper.handshake(2, r -> {
            r[5] = (byte) type;
            return r;
        }));
        assertEquals("unexpected_message", f.alertReceivedBy(Role.SERVER).orElseThrow(), f.toString());
        assertTrue(f.client().getMessage().contains("ServerHello"), f.client().getMessage());
    }

    private static Stream<Arguments> otherMessages() {
        return Stream.of(Arguments.of("ClientHello", 1), Arguments.of("ServerHelloDone", 14),
                Arguments.of("Finished", 20));
    }

    private static Failure xtlsClientToSunServer(UnaryOperator<ByteBuffer> serverRecords) {
        SSLEngine client = Peer.XTLS.engine(Role.CLIENT, pki, null, ECDSA_128, RSA_256);
        SSLEngine server = Peer.SUN.engine(Role.SERVER, pki, pki.ecdsaP256());
        Failure f = EnginePair.builder(client, server).lenient().intercept(Role.SERVER, serverRecords).build()
                .expectHandshakeFailure();
        assertTrue(client.isInboundDone() && client.isOutboundDone(), "the Xtls engine ends closed");
        return f;
    }

    private static byte[] u16(int value) {
        return new byte[] {(byte) (value >>> 8), (byte) value};
    }
}
