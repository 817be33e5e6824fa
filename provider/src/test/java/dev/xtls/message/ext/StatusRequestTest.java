package dev.xtls.message.ext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.DecodeException;
import dev.xtls.wire.ExtensionType;
import org.junit.jupiter.api.Test;

/** status_request (RFC 6066 §8). */
class StatusRequestTest {
    @Test
    void clientAsksForOcspWithoutResponderIdsOrExtensions() {
        assertArrayEquals(new byte[] {1, 0, 0, 0, 0}, StatusRequest.ocspRequest().data().toByteArray());
        assertTrue(StatusRequest.ocspRequest().type().equals(ExtensionType.STATUS_REQUEST));
    }

    @Test
    void readsOcspWithResponderIdsAndExtensions() {
        // a responder_id_list of one 2-byte ResponderID and a 4-byte request_extensions (a nonce, say)
        byte[] data = {1, 0, 4, 0, 2, 0x30, 0x00, 0, 4, 0, 5, 0, 0};
        assertTrue(StatusRequest.decode(Bytes.of(data)).ocsp());
    }

    @Test
    void ignoresAnUnknownStatusType() {
        assertFalse(StatusRequest.decode(Bytes.of(new byte[] {2, 9, 9})).ocsp());
    }

    @Test
    void refusesATruncatedOcspRequest() {
        assertThrows(DecodeException.class, () -> StatusRequest.decode(Bytes.of(new byte[] {1, 0, 4, 0})));
        assertThrows(DecodeException.class, () -> StatusRequest.decode(Bytes.EMPTY));
    }
}
