package dev.xtls.message;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.DecodeException;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsException;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.Objects;

/**
 * KeyUpdate (RFC 8446 §4.6.3): the sender now uses its next traffic secret, and may ask the peer to do the same.
 * <pre>
 * enum { update_not_requested(0), update_requested(1), (255) } KeyUpdateRequest;
 * struct {
 *     KeyUpdateRequest request_update;
 * } KeyUpdate;
 * </pre>
 */
public record KeyUpdate(Request request) implements HandshakeMessage {
    /** KeyUpdateRequest; any other value is an illegal_parameter (§4.6.3). */
    public enum Request {
        UPDATE_NOT_REQUESTED(0), UPDATE_REQUESTED(1);

        private final int code;

        Request(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    public static final KeyUpdate NOT_REQUESTED = new KeyUpdate(Request.UPDATE_NOT_REQUESTED);
    public static final KeyUpdate REQUESTED = new KeyUpdate(Request.UPDATE_REQUESTED);

    public KeyUpdate {
        Objects.requireNonNull(request, "request");
    }

    public static KeyUpdate decode(byte[] body) {
        if (body.length != 1) {
            throw new DecodeException("KeyUpdate: body must be 1 byte, got " + body.length);
        }
        return switch (body[0]) {
            case 0 -> NOT_REQUESTED;
            case 1 -> REQUESTED;
            // §4.6.3: "other than 0 or 1, [...] MUST terminate the connection with an "illegal_parameter" alert"
            default -> throw new TlsException(AlertDescription.ILLEGAL_PARAMETER,
                    "KeyUpdate.request_update: " + (body[0] & 0xFF) + " is neither update_not_requested(0) nor "
                            + "update_requested(1)");
        };
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.KEY_UPDATE;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        w.u8(request.code());
    }
}
