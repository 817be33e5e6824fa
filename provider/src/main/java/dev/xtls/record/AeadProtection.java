package dev.xtls.record;

import dev.xtls.crypto.Aead;
import dev.xtls.crypto.BulkCipher;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.ContentType;
import dev.xtls.wire.TlsException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * AEAD record protection for TLS 1.2 (RFC 5246 §6.2.3.3). AES-GCM: nonce = 4-byte salt || 8-byte explicit
 * nonce sent in the record, which is the sequence number (RFC 5288 §3). ChaCha20-Poly1305: nonce = IV XOR
 * padded sequence number, nothing sent (RFC 7905 §2). Not thread-safe: one instance per direction.
 */
public final class AeadProtection implements RecordProtection {
    private static final int AAD = 12; // the additional data's offset in the scratch array, after the nonce
    private static final int AAD_LENGTH = 13;
    private static final int FIXED_IV = AAD + AAD_LENGTH; // ChaCha20-Poly1305's IV follows

    private final Aead aead;
    private final BulkCipher cipher;
    /**
     * One array for the record's nonce (AES-GCM: salt || explicit nonce, read and written in place), its
     * additional data and, for ChaCha20-Poly1305, the fixed IV: one object per direction, not three.
     */
    private final byte[] scratch;

    public AeadProtection(Aead aead, byte[] fixedIv) {
        this.aead = aead;
        this.cipher = aead.cipher();
        if (fixedIv.length != cipher.fixedIvLength()) {
            throw new IllegalArgumentException("IV length " + fixedIv.length + " for " + cipher);
        }
        if (cipher.recordIvLength() == 0) {
            this.scratch = new byte[FIXED_IV + fixedIv.length];
            System.arraycopy(fixedIv, 0, scratch, FIXED_IV, fixedIv.length);
        } else {
            this.scratch = new byte[FIXED_IV];
            System.arraycopy(fixedIv, 0, scratch, 0, 4);
        }
    }

    @Override
    public int maxExpansion() {
        return cipher.recordIvLength() + cipher.tagLength();
    }

    @Override
    public int protectedLength(int plaintextLength) {
        return plaintextLength + maxExpansion();
    }

    @Override
    public int maxPlaintextLength(int fragmentLength) {
        return fragmentLength - maxExpansion();
    }

    /** RFC 7905 §2: the IV XOR the padded sequence number (ChaCha20-Poly1305). */
    private void makeXorNonce(long seq) {
        System.arraycopy(scratch, FIXED_IV, scratch, 0, 12);
        for (int i = 0; i < 8; i++) {
            scratch[4 + i] ^= (byte) (seq >>> (56 - 8 * i));
        }
    }

    // additional_data = seq_num + TLSCompressed.type + TLSCompressed.version + TLSCompressed.length
    private void makeAad(long seq, ContentType type, int version, int plaintextLength) {
        for (int i = 0; i < 8; i++) {
            scratch[AAD + i] = (byte) (seq >>> (56 - 8 * i));
        }
        scratch[AAD + 8] = (byte) type.code();
        scratch[AAD + 9] = (byte) (version >>> 8);
        scratch[AAD + 10] = (byte) version;
        scratch[AAD + 11] = (byte) (plaintextLength >>> 8);
        scratch[AAD + 12] = (byte) plaintextLength;
    }

    @Override
    public int seal(long seq, ContentType type, int version, ByteBuffer plaintext, ByteBuffer out) {
        int n = plaintext.remaining();
        if (cipher.recordIvLength() > 0) {
            for (int i = 0; i < 8; i++) {
                scratch[4 + i] = (byte) (seq >>> (56 - 8 * i));
            }
            out.put(scratch, 4, 8);
        } else {
            makeXorNonce(seq);
        }
        makeAad(seq, type, version, n);
        return cipher.recordIvLength() + aead.seal(scratch, AAD_LENGTH, plaintext, null, out);
    }

    @Override
    public int open(long seq, ContentType type, int version, ByteBuffer fragment, ByteBuffer out) {
        int plaintextLength = maxPlaintextLength(fragment.remaining());
        if (plaintextLength < 0) {
            throw new TlsException(AlertDescription.BAD_RECORD_MAC,
                    "record of " + fragment.remaining() + " bytes is too short for " + cipher);
        }
        if (cipher.recordIvLength() > 0) {
            fragment.get(scratch, 4, 8);
        } else {
            makeXorNonce(seq);
        }
        makeAad(seq, type, version, plaintextLength);
        return aead.open(scratch, AAD_LENGTH, fragment, out);
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
