package dev.xtls.keys;

import dev.xtls.crypto.Secret;
import dev.xtls.crypto.TlsCrypto;
import dev.xtls.crypto.TranscriptHash;
import java.util.Arrays;
import java.util.Optional;
import javax.security.auth.Destroyable;

/**
 * RFC 8446 §7.5: TLS-Exporter(label, context_value, key_length) = HKDF-Expand-Label(Derive-Secret(Secret, label,
 * ""), "exporter", Hash(context_value), key_length), with Secret the exporter_master_secret (or, built with
 * {@link Tls13KeySchedule#earlyExporterMasterSecret}, the early one for 0-RTT). Keeps its own copy of the secret;
 * destroy it with the connection. Thread-safe.
 */
public final class Tls13Exporter implements KeyingMaterialExporter, Destroyable {
    private final Tls13KeySchedule schedule;
    private final TlsCrypto crypto;
    private final Secret exporterSecret;

    /** Copies {@code exporterMasterSecret}; empty if it was destroyed. */
    public static Optional<Tls13Exporter> of(TlsCrypto crypto, Tls13KeySchedule schedule,
            Secret exporterMasterSecret) {
        return exporterMasterSecret.copy().map(copy -> new Tls13Exporter(crypto, schedule, copy));
    }

    private Tls13Exporter(TlsCrypto crypto, Tls13KeySchedule schedule, Secret exporterSecret) {
        if (exporterSecret.length() != schedule.hash().outputLength()) {
            throw new IllegalArgumentException("an exporter master secret is " + schedule.hash().outputLength()
                    + " bytes, got " + exporterSecret.length());
        }
        this.crypto = crypto;
        this.schedule = schedule;
        this.exporterSecret = exporterSecret;
    }

    @Override
    public byte[] export(String label, byte[] context, int length) {
        ExporterLabel.check(label);
        if (label.length() > HkdfExpandLabel.MAX_LABEL_LENGTH) { // RFC 8446 §7.1 label<7..255> with "tls13 "
            throw new IllegalArgumentException("a TLS 1.3 exporter label is at most "
                    + HkdfExpandLabel.MAX_LABEL_LENGTH + " bytes, got " + label.length());
        }
        ExporterLabel.checkContext(context);
        ExporterLabel.checkLength(length, 255 * schedule.hash().outputLength()); // RFC 5869 §2.3 L <= 255*HashLen
        TranscriptHash contextHash = crypto.newTranscriptHash(schedule.hash());
        if (context != null) { // §7.5: no context is a zero-length context_value
            contextHash.update(context);
        }
        Secret perLabel = HkdfExpandLabel.deriveSecret(crypto, schedule.hash(), exporterSecret, label,
                schedule.emptyHash());
        try {
            byte[] secret = perLabel.reveal();
            try {
                return HkdfExpandLabel.expand(crypto, schedule.hash(), secret, "exporter", contextHash.current(),
                        length);
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        } finally {
            perLabel.destroy();
        }
    }

    @Override
    public void destroy() {
        exporterSecret.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return exporterSecret.isDestroyed();
    }
}
