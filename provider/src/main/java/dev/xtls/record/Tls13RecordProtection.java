package dev.xtls.record;

import dev.xtls.crypto.Aead;
import dev.xtls.crypto.BulkCipher;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.ContentType;
import dev.xtls.wire.TlsException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * TLS 1.3 record protection under one traffic key (RFC 8446 §5.2-5.4). The record carries
 * {@code AEAD(content || ContentType || zeros)} with outer type application_data; the additional data is the
 * record header; the nonce is the 12-byte write IV XOR the padded sequence number. Each new traffic key
 * (handshake, application, KeyUpdate) is a new instance, installed with the sequence number back at zero
 * (RFC 8446 §5.3). Works with AES-128-GCM, AES-256-GCM and ChaCha20-Poly1305. Not thread-safe: one instance per
 * direction.
 *
 * <p>The unencrypted change_cipher_spec of middlebox compatibility mode (RFC 8446 §5, Appendix D.4) never reaches
 * this class: the handshake decides whether to drop it before a record is opened.
 */
public final class Tls13RecordProtection implements RecordProtection {
    /** The write IV length for every TLS 1.3 AEAD (RFC 8446 §5.3: max(8, N_MIN) with N_MIN = 12). */
    public static final int IV_LENGTH = 12;
    /** Largest TLSCiphertext.length a peer may send (RFC 8446 §5.2). */
    public static final int MAX_CIPHERTEXT = RecordLimits.MAX_PLAINTEXT + 256;
    /** Largest TLSInnerPlaintext: content, type and padding (RFC 8446 §5.4). */
    public static final int MAX_INNER_PLAINTEXT = RecordLimits.MAX_PLAINTEXT + 1;

    private final Aead aead;
    private final BulkCipher cipher;
    private final RecordPadding padding;
    private static final int AAD = IV_LENGTH; // the additional data's offset in the scratch array
    private static final int IV = AAD + RecordLimits.HEADER_LENGTH; // the write IV's

    /** The record's nonce, its additional data, then the write IV: one array per direction, not three. */
    private final byte[] scratch = new byte[IV + IV_LENGTH];
    private final byte[] trailer;
    private final ByteBuffer trailerBuffer;
    private ContentType openedType = ContentType.APPLICATION_DATA;

    /** Protection without padding. */
    public Tls13RecordProtection(Aead aead, byte[] iv) {
        this(aead, iv, RecordPadding.NONE);
    }

    /** {@code iv} is this direction's write IV from the key schedule (RFC 8446 §7.3). */
    public Tls13RecordProtection(Aead aead, byte[] iv, RecordPadding padding) {
        if (iv.length != IV_LENGTH) {
            throw new IllegalArgumentException("TLS 1.3 write IV must be 12 bytes, got " + iv.length);
        }
        this.aead = aead;
        this.cipher = aead.cipher();
        this.padding = padding;
        System.arraycopy(iv, 0, scratch, IV, IV_LENGTH);
        this.trailer = new byte[1 + padding.maxPaddingLength()];
        this.trailerBuffer = ByteBuffer.wrap(trailer);
    }

    @Override
    public int maxExpansion() {
        return 1 + padding.maxPaddingLength() + cipher.tagLength();
    }

    @Override
    public int protectedLength(int plaintextLength) {
        return plaintextLength + 1 + padding.paddingLength(plaintextLength) + cipher.tagLength();
    }

    /**
     * The room {@link #open} needs in its output: the whole TLSInnerPlaintext is decrypted there before the type
     * and padding are stripped, so this is one byte more than the content can be.
     */
    @Override
    public int maxPlaintextLength(int fragmentLength) {
        return fragmentLength - cipher.tagLength();
    }

    // RFC 8446 §5.3: the sequence number in network byte order, left-padded to 12 bytes, XOR the write IV
    private void makeNonce(long seq) {
        System.arraycopy(scratch, IV, scratch, 0, IV_LENGTH);
        for (int i = 0; i < 8; i++) {
            scratch[IV_LENGTH - 8 + i] ^= (byte) (seq >>> (56 - 8 * i));
        }
    }

    // RFC 8446 §5.2: additional_data = opaque_type || legacy_record_version || length, the record header
    private void makeAad(int version, int ciphertextLength) {
        scratch[AAD] = (byte) ContentType.APPLICATION_DATA.code();
        scratch[AAD + 1] = (byte) (version >>> 8);
        scratch[AAD + 2] = (byte) version;
        scratch[AAD + 3] = (byte) (ciphertextLength >>> 8);
        scratch[AAD + 4] = (byte) ciphertextLength;
    }

    /** Seals {@code plaintext} as content of {@code type}; {@code version} is the header's, 0x0303. */
    @Override
    public int seal(long seq, ContentType type, int version, ByteBuffer plaintext, ByteBuffer out) {
        int n = plaintext.remaining();
        if (n > RecordLimits.MAX_PLAINTEXT) {
            throw new IllegalArgumentException("record plaintext of " + n + " bytes is over 2^14");
        }
        int pad = padding.paddingLength(n);
        trailer[0] = (byte) type.code();
        trailerBuffer.clear().limit(1 + pad); // trailer[1..] stays zero: RFC 8446 §5.4 padding
        makeNonce(seq);
        makeAad(version, n + 1 + pad + cipher.tagLength());
        return aead.seal(scratch, RecordLimits.HEADER_LENGTH, plaintext, trailerBuffer, out);
    }

    /**
     * Opens a record into {@code out}, which needs {@link #maxPlaintextLength} bytes of room; leaves the content
     * there and returns its length. The content type is then {@link #openedType}.
     */
    @Override
    public int open(long seq, ContentType type, int version, ByteBuffer fragment, ByteBuffer out) {
        if (!type.equals(ContentType.APPLICATION_DATA)) {
            // RFC 8446 §5: records under 1.3 keys are application_data outside; anything else is unexpected
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE,
                    "unprotected " + type + " record after TLS 1.3 keys were installed (RFC 8446 §5)");
        }
        int length = fragment.remaining();
        if (length > MAX_CIPHERTEXT) {
            throw new TlsException(AlertDescription.RECORD_OVERFLOW, "TLS 1.3 record of " + length
                    + " bytes exceeds the limit of " + MAX_CIPHERTEXT + " (RFC 8446 §5.2)");
        }
        if (length - cipher.tagLength() > MAX_INNER_PLAINTEXT) {
            throw new TlsException(AlertDescription.RECORD_OVERFLOW, "TLS 1.3 record of " + length
                    + " bytes holds more than 2^14 + 1 bytes of content, type and padding (RFC 8446 §5.4)");
        }
        makeNonce(seq);
        makeAad(version, length);
        int start = out.position();
        int end = start + aead.open(scratch, RecordLimits.HEADER_LENGTH, fragment, out);
        // RFC 8446 §5.4: the content type is the last non-zero byte; the zeros after it are padding
        int typeAt = end - 1;
        while (typeAt >= start && out.get(typeAt) == 0) {
            typeAt--;
        }
        if (typeAt < start) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE,
                    "TLS 1.3 record holds no content type, only " + (end - start) + " zero bytes (RFC 8446 §5.4)");
        }
        openedType = innerType(out.get(typeAt) & 0xFF);
        out.position(typeAt);
        return typeAt - start;
    }

    // RFC 8446 §5: a protected change_cipher_spec, or a type this version does not define, is unexpected_message
    private static ContentType innerType(int code) {
        return switch (code) {
            case 21 -> ContentType.ALERT;
            case 22 -> ContentType.HANDSHAKE;
            case 23 -> ContentType.APPLICATION_DATA;
            case 20 -> throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE,
                    "protected change_cipher_spec record (RFC 8446 §5)");
            default -> throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE,
                    "TLS 1.3 record of unknown content type " + code + " (RFC 8446 §5)");
        };
    }

    /** Always application_data: the real type travels inside the protected record (RFC 8446 §5.2). */
    @Override
    public ContentType outerType(ContentType type) {
        return ContentType.APPLICATION_DATA;
    }

    /** The type found inside the record {@link #open} opened last (RFC 8446 §5.4). */
    @Override
    public ContentType openedType(ContentType headerType) {
        return openedType;
    }

    /** Wipes the key and the IV. */
    @Override
    public void destroy() {
        aead.destroy();
        Arrays.fill(scratch, (byte) 0);
    }

    @Override
    public boolean isDestroyed() {
        return aead.isDestroyed();
    }
}
