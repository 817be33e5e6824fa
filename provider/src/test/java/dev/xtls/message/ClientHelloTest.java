package dev.xtls.message;

import dev.xtls.message.ext.ExtendedMasterSecret;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.TlsWriter;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static dev.xtls.message.DecodeAssertions.assertDecodeError;
import static dev.xtls.message.DecodeAssertions.assertIllegalParameter;
import static dev.xtls.message.MessageSamples.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientHelloTest {
    private static final ClientHello SAMPLE = MessageSamples.clientHello();

    private static ClientHello with(Bytes sessionId, List<CipherSuite> suites, Bytes compression, Extensions ext) {
        return new ClientHello(ProtocolVersion.TLS12, SAMPLE.random(), sessionId, suites, compression, ext);
    }

    private static byte[] body(ClientHello h) {
        return CodecCase.body(h);
    }

    @Test
    void encodeFramesTheBodyWithTypeAndUint24Length() {
        byte[] body = body(SAMPLE);
        byte[] framed = SAMPLE.encode();
        assertEquals(1, framed[0]);
        assertEquals(body.length, ((framed[1] & 0xFF) << 16) | ((framed[2] & 0xFF) << 8) | (framed[3] & 0xFF));
        assertArrayEquals(body, Arrays.copyOfRange(framed, 4, framed.length));
        assertArrayEquals(framed, HandshakeFrame.frame(SAMPLE.type(), body));
    }

    @Test
    void keepsGreaseSuitesAndUnknownExtensions() {
        ClientHello h = ClientHello.decode(body(SAMPLE));
        assertEquals(MessageSamples.GREASE_SUITE, h.cipherSuites().get(0));
        assertTrue(h.extensions().has(MessageSamples.GREASE_EXTENSION));
        assertEquals("unknown", new String(h.extensions().find(new ExtensionType(0x7777)).orElseThrow()
                .data().toByteArray()));
    }

    @Test
    void decodesAHelloWithoutExtensionsBlockAsEmptyExtensions() {
        ClientHello h = with(Bytes.EMPTY, List.of(new CipherSuite(0x002F)), Bytes.of(new byte[] {0}),
                Extensions.EMPTY);
        byte[] body = body(h);
        assertEquals(2 + 32 + 1 + 4 + 2, body.length, "no extensions block is written");
        assertEquals(Extensions.EMPTY, ClientHello.decode(body).extensions());
    }

    @Test
    void acceptsAPresentButEmptyExtensionsBlock() {
        byte[] noBlock = body(with(Bytes.EMPTY, SAMPLE.cipherSuites(), SAMPLE.compressionMethods(),
                Extensions.EMPTY));
        byte[] emptyBlock = Arrays.copyOf(noBlock, noBlock.length + 2);
        assertEquals(Extensions.EMPTY, ClientHello.decode(emptyBlock).extensions());
    }

    @Test
    void rejectsClientHelloWithEmptyCipherSuites() {
        byte[] body = body(with(Bytes.EMPTY, List.of(), SAMPLE.compressionMethods(), SAMPLE.extensions()));
        assertDecodeError("cipher_suites", () -> ClientHello.decode(body));
    }

    @Test
    void rejectsClientHelloWithOddCipherSuitesLength() {
        TlsWriter w = new TlsWriter();
        w.u16(0x0303).bytes(new byte[32]).u8(0).opaque16(new byte[] {(byte) 0xC0, 0x2F, 0x00}).opaque8(new byte[1]);
        assertDecodeError("cipher_suites", () -> ClientHello.decode(w.toByteArray()));
    }

    @Test
    void rejectsClientHelloWithSessionIdLongerThan32Bytes() {
        byte[] body = body(with(bytes(33, 1), SAMPLE.cipherSuites(), SAMPLE.compressionMethods(), Extensions.EMPTY));
        assertDecodeError("session_id", () -> ClientHello.decode(body));
    }

    @Test
    void rejectsClientHelloWithEmptyCompressionMethods() {
        byte[] body = body(with(Bytes.EMPTY, SAMPLE.cipherSuites(), Bytes.EMPTY, SAMPLE.extensions()));
        assertDecodeError("compression_methods", () -> ClientHello.decode(body));
    }

    @Test
    void rejectsClientHelloWithTheSameExtensionTwice() {
        byte[] body = body(with(Bytes.EMPTY, SAMPLE.cipherSuites(), SAMPLE.compressionMethods(),
                Extensions.of(ExtendedMasterSecret.extension(), new Extension(new ExtensionType(0x7777), Bytes.EMPTY),
                        ExtendedMasterSecret.extension())));
        assertIllegalParameter("extended_master_secret", () -> ClientHello.decode(body));
    }

    @Test
    void rejectsClientHelloWithBytesAfterTheExtensions() {
        byte[] valid = body(SAMPLE);
        assertDecodeError("ClientHello", () -> ClientHello.decode(Arrays.copyOf(valid, valid.length + 1)));
    }

    @Test
    void rejectsClientHelloWithOneStrayByteWhereExtensionsWouldStart() {
        byte[] valid = body(with(Bytes.EMPTY, SAMPLE.cipherSuites(), SAMPLE.compressionMethods(),
                Extensions.EMPTY));
        assertDecodeError("extensions", () -> ClientHello.decode(Arrays.copyOf(valid, valid.length + 1)));
    }

    @Test
    void rejectsAnExtensionWhoseDataOverrunsTheBlock() {
        TlsWriter w = new TlsWriter();
        SAMPLE.encodeBody(w);
        byte[] body = w.toByteArray();
        int extStart = body.length - SAMPLE.extensions().list().stream()
                .mapToInt(e -> 4 + e.data().length()).sum();
        body[extStart + 2] = (byte) 0xFF;
        assertDecodeError("extension_data", () -> ClientHello.decode(body));
    }

    @Test
    void refusesToBuildAHelloWhoseRandomIsNot32Bytes() {
        assertThrows(IllegalArgumentException.class, () -> new ClientHello(ProtocolVersion.TLS12, bytes(31, 1),
                Bytes.EMPTY, SAMPLE.cipherSuites(), SAMPLE.compressionMethods(), Extensions.EMPTY));
    }

    @Test
    void reportsWhetherNullCompressionIsOffered() {
        assertTrue(SAMPLE.offersNullCompression());
        assertFalse(with(Bytes.EMPTY, SAMPLE.cipherSuites(), Bytes.of(new byte[] {1}), Extensions.EMPTY)
                .offersNullCompression());
    }
}
