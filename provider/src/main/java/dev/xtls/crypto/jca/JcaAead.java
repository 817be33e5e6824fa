package dev.xtls.crypto.jca;

import dev.xtls.crypto.Aead;
import dev.xtls.crypto.BulkCipher;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.TlsException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/**
 * AES-GCM (RFC 5288) or ChaCha20-Poly1305 (RFC 7905) under one key. It holds the key only: each record takes a
 * {@link Cipher} from the context's {@link CipherPool}, initialises it with the key and the caller's 12-byte
 * nonce, and gives it back, so an idle connection keeps no Cipher. One instance per direction: not
 * thread-safe. Sealing twice in a row with one nonce is refused with internal_error, as the JCA refuses it on
 * one Cipher; a pooled Cipher's memory of another instance's record does not count.
 * <p>It is its own JCA {@link SecretKey} (RAW, as a SecretKeySpec), so an idle connection pays for no key wrapper
 * and {@link #destroy} wipes the only copy this object holds.
 */
final class JcaAead extends RecordKey implements Aead {
    static final int NONCE_LENGTH = 12;
    private static final VarHandle BIG_ENDIAN_INT = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.BIG_ENDIAN);
    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.BIG_ENDIAN);

    private final transient CipherPool pool;
    private final int home; // this key's slot in the pool
    private boolean sealed; // the last sealed nonce below is set
    private int lastSealHead; // nonce[0..4)
    private long lastSealTail; // nonce[4..12)

    /** {@code pool}: Ciphers of this cipher's transformation ({@link #transformation}). */
    JcaAead(BulkCipher cipher, byte[] key, CipherPool pool) {
        super(requireAead(cipher), key);
        this.pool = pool;
        this.home = pool.newHome();
    }

    private static BulkCipher requireAead(BulkCipher cipher) {
        if (!cipher.isAead()) {
            throw new IllegalArgumentException(cipher + " is not an AEAD cipher");
        }
        return cipher;
    }

    /** The JCA transformation of an AEAD cipher. */
    static String transformation(BulkCipher cipher) {
        return switch (cipher) {
            case AES_128_GCM, AES_256_GCM -> "AES/GCM/NoPadding";
            case CHACHA20_POLY1305 -> "ChaCha20-Poly1305";
            case AES_128_CBC, AES_256_CBC -> throw new IllegalArgumentException(cipher + " is not an AEAD cipher");
        };
    }

    @Override
    public int seal(byte[] nonce, byte[] aad, ByteBuffer plaintext, ByteBuffer out) {
        requireNonceLength(nonce);
        return seal(init(Cipher.ENCRYPT_MODE, nonce, aad, 0, aad.length), plaintext, null, out);
    }

    @Override
    public int seal(byte[] nonceAndAad, int aadLength, ByteBuffer plaintext, ByteBuffer trailer, ByteBuffer out) {
        return seal(init(Cipher.ENCRYPT_MODE, nonceAndAad, nonceAndAad, NONCE_LENGTH, aadLength), plaintext, trailer,
                out);
    }

    @Override
    public int open(byte[] nonce, byte[] aad, ByteBuffer ciphertextAndTag, ByteBuffer out) {
        requireNonceLength(nonce);
        checkTagRoom(ciphertextAndTag);
        return open(init(Cipher.DECRYPT_MODE, nonce, aad, 0, aad.length), ciphertextAndTag, out);
    }

    @Override
    public int open(byte[] nonceAndAad, int aadLength, ByteBuffer ciphertextAndTag, ByteBuffer out) {
        checkTagRoom(ciphertextAndTag);
        return open(init(Cipher.DECRYPT_MODE, nonceAndAad, nonceAndAad, NONCE_LENGTH, aadLength), ciphertextAndTag,
                out);
    }

    private void requireNonceLength(byte[] nonce) {
        if (nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException(cipher + " nonce must be 12 bytes, got " + nonce.length);
        }
    }

    private void checkTagRoom(ByteBuffer ciphertextAndTag) {
        if (ciphertextAndTag.remaining() < cipher.tagLength()) {
            throw new TlsException(AlertDescription.BAD_RECORD_MAC, "record authentication failed");
        }
    }

    private int seal(PooledCipher jca, ByteBuffer plaintext, ByteBuffer trailer, ByteBuffer out) {
        try {
            if (!plaintext.hasArray() || !out.hasArray()) {
                return throughArrays(jca, Cipher.ENCRYPT_MODE, plaintext, trailer, out);
            }
            if (trailer == null) {
                return jca.cipher.doFinal(plaintext, out);
            }
            int n = jca.cipher.update(plaintext, out);
            return n + jca.cipher.doFinal(trailer, out);
        } catch (GeneralSecurityException e) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR, cipher + " encryption failed: " + e.getMessage(),
                    e);
        } finally {
            pool.give(jca, home);
        }
    }

    private int open(PooledCipher jca, ByteBuffer ciphertextAndTag, ByteBuffer out) {
        try {
            if (!ciphertextAndTag.hasArray() || !out.hasArray()) {
                return throughArrays(jca, Cipher.DECRYPT_MODE, ciphertextAndTag, null, out);
            }
            return jca.cipher.doFinal(ciphertextAndTag, out);
        } catch (AEADBadTagException e) {
            throw new TlsException(AlertDescription.BAD_RECORD_MAC, "record authentication failed", e);
        } catch (GeneralSecurityException e) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR, cipher + " decryption failed: " + e.getMessage(),
                    e);
        } finally {
            pool.give(jca, home);
        }
    }

    /**
     * One record with a buffer that has no accessible array (direct or read-only) on either side: that side goes
     * through the pooled Cipher's scratch arrays, as SunJCE is fastest on byte[] (JDK 17: direct buffers ran at
     * 0.8× heap). In-place buffers stay safe: the input is copied out before the output is written. The plaintext
     * left in a scratch array is zeroed.
     */
    private int throughArrays(PooledCipher jca, int mode, ByteBuffer in, ByteBuffer trailer, ByteBuffer out)
            throws GeneralSecurityException {
        int inLength = in.remaining() + (trailer == null ? 0 : trailer.remaining());
        int outLength = mode == Cipher.ENCRYPT_MODE ? inLength + cipher.tagLength() : inLength - cipher.tagLength();
        if (out.remaining() < outLength) {
            throw new ShortBufferException(outLength + " bytes of output room needed, " + out.remaining() + " left");
        }
        boolean copyIn = !in.hasArray() || trailer != null;
        byte[] input;
        int inOffset = 0;
        if (copyIn) {
            input = jca.input(inLength);
            in.get(input, 0, in.remaining());
            if (trailer != null) {
                trailer.get(input, inLength - trailer.remaining(), trailer.remaining());
            }
        } else {
            input = in.array();
            inOffset = in.arrayOffset() + in.position();
            in.position(in.limit());
        }
        boolean copyOut = !out.hasArray();
        byte[] output = copyOut ? jca.output(outLength) : out.array();
        int outOffset = copyOut ? 0 : out.arrayOffset() + out.position();
        try {
            int n = jca.cipher.doFinal(input, inOffset, inLength, output, outOffset);
            if (copyOut) {
                out.put(output, 0, n);
            } else {
                out.position(out.position() + n);
            }
            return n;
        } finally { // the record's plaintext must not outlive it in an array shared by the context's connections
            if (copyIn && mode == Cipher.ENCRYPT_MODE) {
                Arrays.fill(input, 0, inLength, (byte) 0);
            } else if (copyOut && mode == Cipher.DECRYPT_MODE) {
                Arrays.fill(output, 0, outLength, (byte) 0);
            }
        }
    }

    @Override
    public BulkCipher cipher() {
        return cipher;
    }

    // the JCA's own check (GCM: no second encryption under one key and IV), kept per instance as it was per Cipher
    private void refuseRepeatedNonce(byte[] nonce) {
        int head = (int) BIG_ENDIAN_INT.get(nonce, 0);
        long tail = (long) BIG_ENDIAN_LONG.get(nonce, 4);
        if (sealed && head == lastSealHead && tail == lastSealTail) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR, cipher + " refused its key or nonce: the nonce"
                    + " of the previous record was given again");
        }
        sealed = true;
        lastSealHead = head;
        lastSealTail = tail;
    }

    /**
     * A pooled Cipher ready for one record, under the nonce at the start of {@code nonce} and the additional data
     * at {@code aadOffset} of {@code aad}; the caller gives it back to the pool.
     */
    private PooledCipher init(int mode, byte[] nonce, byte[] aad, int aadOffset, int aadLength) {
        requireNotDestroyed();
        // The JCA forces one parameter object per record; nothing else is allocated here.
        AlgorithmParameterSpec params = cipher == BulkCipher.CHACHA20_POLY1305
                ? new IvParameterSpec(nonce, 0, NONCE_LENGTH)
                : new GCMParameterSpec(cipher.tagLength() * 8, nonce, 0, NONCE_LENGTH);
        if (mode == Cipher.ENCRYPT_MODE) {
            refuseRepeatedNonce(nonce);
        }
        PooledCipher jca = pool.take(home);
        try {
            try {
                jca.cipher.init(mode, this, params);
            } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
                // The pooled Cipher last saw this key and nonce from another instance (the peer's, in one JVM), or
                // JDK 17's ChaCha20-Poly1305 refuses a repeated nonce even to decrypt: a fresh Cipher has no memory.
                jca = pool.newCipher();
                jca.cipher.init(mode, this, params);
            }
        } catch (GeneralSecurityException e) {
            pool.give(jca, home);
            throw new TlsException(AlertDescription.INTERNAL_ERROR, cipher + " refused its key or nonce: "
                    + e.getMessage(), e);
        }
        jca.cipher.updateAAD(aad, aadOffset, aadLength);
        return jca;
    }
}
