package dev.xtls.record;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.ContentType;
import dev.xtls.wire.TlsException;
import java.nio.ByteBuffer;

/** The receiving half of the record layer: header checks, bounds, protection, read sequence number. */
public final class RecordReader {
    private static final int ALERT = 21;
    private RecordProtection protection = PlaintextProtection.INSTANCE;
    private long seq;
    private int requiredVersion = -1;
    private ContentType lastType = ContentType.APPLICATION_DATA;
    private boolean plaintextAlertAllowed;
    private RecordSizeLimits limits = RecordSizeLimits.NONE;

    /** Keys announced by ChangeCipherSpec take effect for the next record (RFC 5246 §7.1); the old are wiped. */
    public void install(RecordProtection next) {
        if (next != protection) {
            protection.destroy();
        }
        // a TLS 1.3 peer that cannot derive the handshake keys alerts in plaintext, before any protected record
        plaintextAlertAllowed = !isProtected() && next instanceof Tls13RecordProtection;
        protection = next;
        seq = 0;
    }

    /** The limit this side announced or agreed to (RFC 6066 §4, RFC 8449 §4) binds the peer's next records. */
    public void limit(RecordSizeLimits negotiated) {
        limits = negotiated;
    }

    /** TLS 1.3 keys are installed: the content type is inside the record (RFC 8446 §5.2). */
    public boolean hidesContentType() {
        return protection instanceof Tls13RecordProtection;
    }

    /** The room {@link #read} needs in its output for a fragment of this length, beyond the content's 2^14. */
    public int openRoom(int fragmentLength) {
        return Math.max(0, protection.maxPlaintextLength(fragmentLength));
    }

    /**
     * Records after the hellos must carry the negotiated version (RFC 5246 §6.2.1, Appendix E.1; OpenSSL answers
     * others with protocol_version). Alerts are exempt, so a peer that refused our hello is still heard.
     */
    public void requireVersion(int version) {
        requiredVersion = version;
    }

    /** Wipes the current keys: the direction is closed, nothing more is sealed or opened. */
    public void destroyKeys() {
        protection.destroy();
    }

    /** The current protection's keys were wiped (the direction is closed). */
    public boolean keysDestroyed() {
        return protection.isDestroyed();
    }

    public boolean isProtected() {
        return protection != PlaintextProtection.INSTANCE;
    }

    /**
     * The length (header included) of the record at the start of {@code src}, or -1 when the header is not
     * complete yet. Rejects a header that cannot start a TLS record or announces too long a fragment.
     */
    public int recordLength(ByteBuffer src) {
        if (src.remaining() < RecordLimits.HEADER_LENGTH) {
            return -1;
        }
        int p = src.position();
        int type = src.get(p) & 0xFF;
        int major = src.get(p + 1) & 0xFF;
        int length = ((src.get(p + 3) & 0xFF) << 8) | (src.get(p + 4) & 0xFF);
        if (type < 20 || type > 23) {
            if ((type & 0x80) != 0 && src.get(p + 2) == 1) {
                throw new TlsException(AlertDescription.PROTOCOL_VERSION,
                        "received an SSLv2-format ClientHello; SSLv2 is prohibited (RFC 6176)");
            }
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, String.format(
                    "not a TLS record: content type 0x%02X (is the peer speaking TLS on this port?)", type));
        }
        if (major != 3) {
            throw new TlsException(AlertDescription.PROTOCOL_VERSION,
                    String.format("record version 0x%02X%02X is not TLS", major, src.get(p + 2) & 0xFF));
        }
        int version = (major << 8) | (src.get(p + 2) & 0xFF);
        if (requiredVersion >= 0 && version != requiredVersion && type != ALERT) {
            throw new TlsException(AlertDescription.PROTOCOL_VERSION, String.format("record version 0x%04X after"
                    + " the hellos negotiated 0x%04X (RFC 5246 §6.2.1)", version, requiredVersion));
        }
        int max = isProtected() ? RecordLimits.MAX_CIPHERTEXT : RecordLimits.MAX_PLAINTEXT;
        if (length > max) {
            throw new TlsException(AlertDescription.RECORD_OVERFLOW,
                    "record of " + length + " bytes exceeds the limit of " + max + " (RFC 5246 §6.2)");
        }
        return RecordLimits.HEADER_LENGTH + length;
    }

    /** Content type of the record at the start of {@code src} (header already checked). */
    public static ContentType peekType(ByteBuffer src) {
        return switch (src.get(src.position())) {
            case 20 -> ContentType.CHANGE_CIPHER_SPEC;
            case 21 -> ContentType.ALERT;
            case 22 -> ContentType.HANDSHAKE;
            default -> ContentType.APPLICATION_DATA;
        };
    }

    /**
     * The content type of the record {@link #read} opened last: its header's type up to TLS 1.2, the protected
     * inner type in TLS 1.3, which is known only once the record is opened (RFC 8446 §5.2).
     */
    public ContentType lastType() {
        return lastType;
    }

    /** Upper bound of the plaintext in a fragment of this length. */
    public int maxPlaintextLength(int fragmentLength) {
        return Math.min(RecordLimits.MAX_PLAINTEXT, Math.max(0, protection.maxPlaintextLength(fragmentLength)));
    }

    /**
     * Opens the whole record at the start of {@code src} (length from {@link #recordLength}) into {@code out} and
     * advances {@code src} past it; returns the plaintext length.
     */
    public int read(ByteBuffer src, int recordLength, ByteBuffer out) {
        ContentType type = peekType(src);
        int p = src.position();
        int version = ((src.get(p + 1) & 0xFF) << 8) | (src.get(p + 2) & 0xFF);
        int limit = src.limit();
        src.limit(p + recordLength).position(p + RecordLimits.HEADER_LENGTH);
        int n;
        int fragmentLength = recordLength - RecordLimits.HEADER_LENGTH;
        boolean wasProtected = isProtected();
        boolean unprotected = hidesContentType() && (type.equals(ContentType.CHANGE_CIPHER_SPEC)
                || type.equals(ContentType.ALERT) && plaintextAlertAllowed);
        try {
            if (unprotected) {
                // RFC 8446 §5: change_cipher_spec is never protected; the handshake decides whether to drop it
                n = src.remaining();
                out.put(src);
            } else {
                n = protection.open(seq, type, version, src, out);
            }
        } finally {
            src.limit(limit).position(p + recordLength);
        }
        if (unprotected) {
            lastType = type;
            return n;
        }
        plaintextAlertAllowed = false;
        seq++;
        lastType = protection.openedType(type);
        if (n > RecordLimits.MAX_PLAINTEXT) {
            throw new TlsException(AlertDescription.RECORD_OVERFLOW,
                    "record plaintext of " + n + " bytes exceeds 2^14 (RFC 5246 §6.2.1)");
        }
        checkLimit(n, fragmentLength, wasProtected);
        return n;
    }

    /** RFC 6066 §4, RFC 8449 §4: a record longer than agreed is record_overflow. */
    private void checkLimit(int plaintextLength, int fragmentLength, boolean wasProtected) {
        if (!wasProtected && !limits.unprotectedToo()) {
            return;
        }
        boolean inner = limits.receiveCountsInner() && hidesContentType();
        int measured = inner ? protection.maxPlaintextLength(fragmentLength) : plaintextLength;
        if (measured > limits.receivePlaintext()) {
            throw new TlsException(AlertDescription.RECORD_OVERFLOW, "record " + (inner ? "inner plaintext" :
                    "plaintext") + " of " + measured + " bytes exceeds the " + limits.receivePlaintext()
                    + " bytes agreed by max_fragment_length or record_size_limit (RFC 6066 §4, RFC 8449 §4)");
        }
    }
}
