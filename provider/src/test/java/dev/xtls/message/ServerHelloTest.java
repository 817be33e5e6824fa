package dev.xtls.message;

import dev.xtls.message.ext.ExtendedMasterSecret;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.ProtocolVersion;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.xtls.message.DecodeAssertions.assertDecodeError;
import static dev.xtls.message.DecodeAssertions.assertIllegalParameter;
import static dev.xtls.message.MessageSamples.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ServerHelloTest {
    private static ServerHello hello(Bytes sessionId, Extensions ext) {
        return new ServerHello(ProtocolVersion.TLS12, bytes(32, 1), sessionId,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, 0, ext);
    }

    @Test
    void decodesAServerHelloWithoutExtensionsBlockAsEmptyExtensions() {
        byte[] body = CodecCase.body(hello(bytes(32, 2), Extensions.EMPTY));
        assertEquals(2 + 32 + 33 + 2 + 1, body.length);
        assertEquals(Extensions.EMPTY, ServerHello.decode(body).extensions());
    }

    @Test
    void rejectsServerHelloWithSessionIdLongerThan32Bytes() {
        byte[] body = CodecCase.body(hello(bytes(33, 2), Extensions.EMPTY));
        assertDecodeError("session_id", () -> ServerHello.decode(body));
    }

    @Test
    void rejectsServerHelloWithTheSameExtensionTwice() {
        byte[] body = CodecCase.body(hello(Bytes.EMPTY,
                Extensions.of(ExtendedMasterSecret.extension(), ExtendedMasterSecret.extension())));
        assertIllegalParameter("duplicate extended_master_secret", () -> ServerHello.decode(body));
    }

    @Test
    void rejectsServerHelloWithBytesAfterTheExtensions() {
        byte[] valid = CodecCase.body(MessageSamples.serverHello());
        assertDecodeError("ServerHello", () -> ServerHello.decode(Arrays.copyOf(valid, valid.length + 3)));
    }

    @Test
    void rejectsServerHelloCutInsideTheRandom() {
        byte[] valid = CodecCase.body(MessageSamples.serverHello());
        assertDecodeError("random", () -> ServerHello.decode(Arrays.copyOf(valid, 20)));
    }

    @Test
    void keepsAnUnknownCompressionMethodForTheHandshakeToRefuse() {
        ServerHello h = new ServerHello(ProtocolVersion.TLS12, bytes(32, 1), Bytes.EMPTY,
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, 1, Extensions.EMPTY);
        assertEquals(1, ServerHello.decode(CodecCase.body(h)).compressionMethod());
    }

    @Test
    void refusesToBuildAServerHelloWithACompressionMethodAboveOneByte() {
        assertThrows(IllegalArgumentException.class, () -> new ServerHello(ProtocolVersion.TLS12, bytes(32, 1),
                Bytes.EMPTY, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, 256, Extensions.EMPTY));
    }
}
