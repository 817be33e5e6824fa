package dev.xtls.engine;

import dev.xtls.record.RecordLimits;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.TlsException;

/**
 * Counts the 0-RTT bytes a server skips because it never accepts early data (RFC 8446 §4.2.10). We advertise no
 * max_early_data_size, so the bound is what a client may have from a ticket another server issued: OpenSSL's
 * default of 16 KiB plus record overhead, with room to spare.
 */
final class EarlyDataSkipper {
    /** Protected bytes skipped at most: four full records' worth. */
    static final int MAX_SKIPPED = 4 * RecordLimits.MAX_CIPHERTEXT;

    private long skipped;

    /** A record of {@code recordLength} bytes (header included) was skipped. */
    void skipped(int recordLength) {
        skipped += recordLength - RecordLimits.HEADER_LENGTH;
        if (skipped > MAX_SKIPPED) {
            // §4.2.10: more early data than the server would take ends the handshake
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "the client sent more than "
                    + MAX_SKIPPED + " bytes of early data, which this server does not accept (RFC 8446 §4.2.10)");
        }
    }
}
