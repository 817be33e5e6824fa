package dev.xtls.engine;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.TlsException;

/**
 * Caps records that cost work and carry nothing: consecutive warning alerts (the "SSL Death Alert" class,
 * CVE-2016-8610) and consecutive empty application data records. A record with content starts both counts again.
 */
final class InboundFloodGuard {
    static final int MAX_WARNING_ALERTS = 4; // as OpenSSL and rustls
    static final int MAX_EMPTY_RECORDS = 32; // as OpenSSL

    private int warningAlerts;
    private int emptyRecords;

    void content() {
        warningAlerts = 0;
        emptyRecords = 0;
    }

    void warningAlert(AlertDescription description) {
        emptyRecords = 0;
        if (++warningAlerts > MAX_WARNING_ALERTS) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "too many warning alerts: " + warningAlerts
                    + " in a row, the last " + description + "; at most " + MAX_WARNING_ALERTS + " are accepted");
        }
    }

    void emptyRecord() {
        if (++emptyRecords > MAX_EMPTY_RECORDS) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "too many empty records: " + emptyRecords
                    + " application data records in a row without content; at most " + MAX_EMPTY_RECORDS
                    + " are accepted");
        }
    }
}
