package dev.xtls.message.ext;

import dev.xtls.message.Extension;
import dev.xtls.message.Vectors;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

/**
 * early_data in a NewSessionTicket (RFC 8446 §4.2.10): how many bytes of 0-RTT data the ticket allows.
 * <pre>
 * struct {
 *     select (Handshake.msg_type) {
 *         case new_session_ticket:   uint32 max_early_data_size;
 *     };
 * } EarlyDataIndication;
 * </pre>
 */
public record MaxEarlyDataSize(long maxEarlyDataSize) {
    public MaxEarlyDataSize {
        if (maxEarlyDataSize < 0 || maxEarlyDataSize > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("max_early_data_size out of uint32 range: " + maxEarlyDataSize);
        }
    }

    public static MaxEarlyDataSize decode(Bytes data) {
        TlsReader r = TlsReader.of(data.toByteArray());
        long size = Vectors.u32(r, "early_data.max_early_data_size");
        r.expectEnd("early_data");
        return new MaxEarlyDataSize(size);
    }

    public Extension toExtension() {
        return new Extension(ExtensionType.EARLY_DATA,
                Bytes.wrap(new TlsWriter(4).u32(maxEarlyDataSize).toByteArray()));
    }
}
