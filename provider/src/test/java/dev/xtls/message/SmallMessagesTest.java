package dev.xtls.message;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.AlertLevel;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.SignatureScheme;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.xtls.message.DecodeAssertions.assertDecodeError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SmallMessagesTest {
    @Test
    void serverHelloDoneIsFourBytesOnTheWire() {
        assertArrayEquals(new byte[] {14, 0, 0, 0}, ServerHelloDone.INSTANCE.encode());
        assertArrayEquals(new byte[] {0, 0, 0, 0}, HelloRequest.INSTANCE.encode());
    }

    @Test
    void rejectsANonEmptyServerHelloDone() {
        assertDecodeError("ServerHelloDone", () -> ServerHelloDone.decode(new byte[1]));
    }

    @Test
    void rejectsANonEmptyHelloRequest() {
        assertDecodeError("HelloRequest", () -> HelloRequest.decode(new byte[1]));
    }

    @Test
    void rejectsFinishedOfTheWrongLength() {
        assertDecodeError("verify_data", () -> Finished.decode(new byte[11], 12));
        assertDecodeError("verify_data", () -> Finished.decode(new byte[13], 12));
    }

    @Test
    void finishedBodyIsTheVerifyDataItself() {
        Finished f = new Finished(MessageSamples.bytes(12, 1));
        assertArrayEquals(f.verifyData().toByteArray(), CodecCase.body(f));
        assertEquals(f, Finished.decode(CodecCase.body(f), 12));
    }

    @Test
    void finishedDoesNotAliasTheCallersArray() {
        byte[] body = new byte[12];
        Finished f = Finished.decode(body, 12);
        body[0] = 1;
        assertEquals(0, f.verifyData().get(0));
    }

    @Test
    void newSessionTicketKeepsTheFullUnsignedLifetime() {
        NewSessionTicket t = new NewSessionTicket(0xFFFFFFFFL, Bytes.of(new byte[] {1}));
        assertEquals(0xFFFFFFFFL, NewSessionTicket.decode(CodecCase.body(t)).lifetimeHintSeconds());
    }

    @Test
    void refusesANewSessionTicketLifetimeOutsideUint32() {
        assertThrows(IllegalArgumentException.class, () -> new NewSessionTicket(-1, Bytes.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> new NewSessionTicket(1L << 32, Bytes.EMPTY));
    }

    @Test
    void rejectsCertificateVerifyWithTrailingBytes() {
        byte[] body = CodecCase.body(new CertificateVerify(SignatureScheme.ED25519, MessageSamples.bytes(64, 1)));
        byte[] longer = Arrays.copyOf(body, body.length + 1);
        assertDecodeError("CertificateVerify", () -> CertificateVerify.decode(longer));
    }

    @Test
    void alertIsLevelThenDescription() {
        assertArrayEquals(new byte[] {2, 40}, Alert.fatal(AlertDescription.HANDSHAKE_FAILURE).encode());
        assertEquals(new Alert(AlertLevel.WARNING, AlertDescription.CLOSE_NOTIFY), Alert.decode(new byte[] {1, 0}));
    }

    @Test
    void decodesAnAlertWithAnUnknownDescription() {
        assertEquals(new AlertDescription(0xEE), Alert.decode(new byte[] {2, (byte) 0xEE}).description());
    }

    @Test
    void rejectsAlertsThatAreNotTwoBytes() {
        assertDecodeError("Alert", () -> Alert.decode(new byte[1]));
        assertDecodeError("Alert", () -> Alert.decode(new byte[3]));
    }

    @Test
    void rejectsAnAlertWithAnUnknownLevel() {
        assertDecodeError("level", () -> Alert.decode(new byte[] {3, 0}));
    }

    @Test
    void framesABodyWithTypeAndLength() {
        assertArrayEquals(new byte[] {20, 0, 0, 2, 7, 8},
                HandshakeFrame.frame(HandshakeType.FINISHED, new byte[] {7, 8}));
    }
}
