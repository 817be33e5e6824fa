package dev.xtls.record;

import dev.xtls.crypto.Aead;
import dev.xtls.crypto.BulkCipher;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.ContentType;
import dev.xtls.wire.TlsException;
import java.nio.ByteBuffer;

/**
 * AEAD record protection for TLS 1.2 (RFC 5246 §6.2.3.3). AES-GCM: nonce = 4-byte salt || 8-byte explicit
 * nonce sent in the record, which is the sequence number (RFC 5288 §3). ChaCha20-Poly1305: nonce = IV XOR
 * padded sequence number, nothing sent (RFC 7905 §2). Not thread-safe: one instance per direction.
 */
public final class AeadProtection implements RecordProtection {
    private final Aead aead;
    private final BulkCipher cipher;
    private final byte[] fixedIv; // ChaCha20-Poly1305 only: AES-GCM's 4-byte salt stays in nonce[0..4)
    private final byte[] nonce = new byte[12]; // AES-GCM: salt || explicit nonce, read and written in place
    private final byte[] aad = new byte[13];

    public AeadProtection(Aead aead, byte[] fixedIv) {
        this.aead = aead;
        this.cipher = aead.cipher();
        if (fixedIv.length != cipher.fixedIvLength()) {
            throw new IllegalArgumentException("IV length " + fixedIv.length + " for " + cipher);
        }
        if (cipher.recordIvLength() == 0) {
            this.fixedIv = fixedIv.clone();
        } else {
            this.fixedIv = null;
            System.arraycopy(fixedIv, 0, nonce, 0, 4);
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
        System.arraycopy(fixedIv, 0, nonce, 0, 12);
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] ^= (byte) (seq >>> (56 - 8 * i));
        }
    }

    // additional_data = seq_num + TLSCompressed.type + TLSCompressed.version + TLSCompressed.length
    private void makeAad(long seq, ContentType type, int version, int plaintextLength) {
        for (int i = 0; i < 8; i++) {
            aad[i] = (byte) (seq >>> (56 - 8 * i));
        }
        aad[8] = (byte) type.code();
        aad[9] = (byte) (version >>> 8);
        aad[10] = (byte) version;
        aad[11] = (byte) (plaintextLength >>> 8);
        aad[12] = (byte) plaintextLength;
    }

    @Override
    public int seal(long seq, ContentType type, int version, ByteBuffer plaintext, ByteBuffer out) {
        int n = plaintext.remaining();
        if (cipher.recordIvLength() > 0) {
            for (int i = 0; i < 8; i++) {
                nonce[4 + i] = (byte) (seq >>> (56 - 8 * i));
            }
            out.put(nonce, 4, 8);
        } else {
            makeXorNonce(seq);
        }
        makeAad(seq, type, version, n);
        return cipher.recordIvLength() + aead.seal(nonce, aad, plaintext, out);
    }

    @Override
    public int open(long seq, ContentType type, int version, ByteBuffer fragment, ByteBuffer out) {
        int plaintextLength = maxPlaintextLength(fragment.remaining());
        if (plaintextLength < 0) {
            throw new TlsException(AlertDescription.BAD_RECORD_MAC,
                    "record of " + fragment.remaining() + " bytes is too short for " + cipher);
        }
        if (cipher.recordIvLength() > 0) {
            fragment.get(nonce, 4, 8);
        } else {
            makeXorNonce(seq);
        }
        makeAad(seq, type, version, plaintextLength);
        return aead.open(nonce, aad, fragment, out);
    }

    @Override
    public void destroy() {
        aead.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return aead.isDestroyed();
    }
}
