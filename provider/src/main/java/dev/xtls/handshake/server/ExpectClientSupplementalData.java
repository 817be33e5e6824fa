package dev.xtls.handshake.server;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.message.SupplementalData;
import dev.xtls.message.SupplementalDataEntry;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.spi.SupplementalDataReceiver;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsException;
import java.util.HashMap;
import java.util.Map;

/**
 * After ServerHelloDone, when ServerHello agreed to SupplementalData types: the client's optional SupplementalData
 * (RFC 4680 §3; RFC 4681 §4: the client may send none), then whatever {@code next} expects. A second
 * SupplementalData reaches {@code next}, which refuses it with unexpected_message (RFC 4680 §2).
 */
record ExpectClientSupplementalData(ServerSupplementalData agreed, ServerState next) implements ServerState {
    @Override
    public String expecting() {
        return "SupplementalData or " + next.expecting();
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (!message.type().equals(HandshakeType.SUPPLEMENTAL_DATA)) {
            return next.onHandshake(ctx, message);
        }
        SupplementalData data = SupplementalData.decode(message.body());
        Map<Integer, Bytes> received = new HashMap<>();
        for (SupplementalDataEntry entry : data.entries()) {
            SupplementalDataReceiver receiver = agreed.receiver(entry.dataType()).orElseThrow(() ->
                    // RFC 4680 §2: every type needs its agreement in the hello extensions
                    new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "client sent SupplementalData of type "
                            + entry.dataType() + ", which this server did not agree to"));
            try {
                receiver.check(entry.data().toByteArray());
            } catch (IllegalArgumentException e) {
                throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "client's SupplementalData of type "
                        + entry.dataType() + " is not acceptable: " + e.getMessage());
            }
            received.put(entry.dataType(), entry.data());
        }
        ctx.received(message);
        ctx.updateSession(ctx.session().withSupplementalData(received));
        return next;
    }
}
