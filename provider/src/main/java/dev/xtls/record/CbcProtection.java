package dev.xtls.record;

import dev.xtls.crypto.BlockCipherCbc;
import dev.xtls.crypto.Hmac;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.ContentType;
import dev.xtls.wire.TlsException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * CBC record protection for TLS 1.2 with a fresh random explicit IV per record, in one of two orders:
 * <ul>
 * <li>MAC-then-encrypt (RFC 5246 §6.2.3.2): {@code IV + CBC(content + MAC + padding)}, the MAC over
 * {@code seq_num + type + version + length + content};</li>
 * <li>encrypt-then-MAC (RFC 7366 §3): {@code IV + CBC(content + padding) + MAC}, the MAC over
 * {@code seq_num + type + version + length(IV + ciphertext) + IV + ciphertext}.</li>
 * </ul>
 * Every failure to open a record (length, padding, MAC) throws the same bad_record_mac with the same message.
 *
 * <p>Timing of MAC-then-encrypt open (Lucky13, RFC 7457 §2.10; RFC 5246 §6.2.3.2 implementation note):
 * <ul>
 * <li>constant-time: the padding check (scans a public number of bytes with masks, no branch on the padding
 * byte); bad padding is treated as padding_length 0 and the MAC still computed and compared; the received MAC is
 * read from its secret offset by scanning a public window and rotating with masks (no secret-indexed loads); the
 * number of hash compression-function calls is the same for every padding length, because the blocks the real
 * MAC saves are fed to a dummy HMAC computation; MACs are compared with {@link MessageDigest#isEqual}; padding
 * and MAC results are combined with masks and checked once;</li>
 * <li>not constant-time: the JCA {@code Mac.update} takes a secret length, so its buffering (copies of the
 * partial last block) and call split differ slightly with the padding length; JIT compilation, the cache and
 * the branch predictor are outside our control. The residue is a few array copies of under one hash block, far
 * below one compression call, and the benchmark in the tests measures it.</li>
 * </ul>
 * Encrypt-then-MAC checks the MAC over the ciphertext first, so a padding oracle never sees unauthenticated
 * data; its padding check reuses the constant-time one. Not thread-safe: one instance per direction.
 */
public final class CbcProtection implements RecordProtection {
    private static final String AUTH_FAILED = "record authentication failed";
    private static final int HEADER_LENGTH = 13;
    private static final int MAX_PADDING = 256;

    private final BlockCipherCbc cbc;
    private final Hmac mac;
    private final boolean encryptThenMac;
    private final SecureRandom random;
    private final int block;
    private final int macLength;
    private final int hashBlockShift;
    private final int hashLengthField;
    private final byte[] header = new byte[HEADER_LENGTH];
    private final byte[] iv;
    private final byte[] expectedMac;
    private final byte[] receivedMac;
    private final byte[] rotatedMac;
    private final byte[] dummyMac;
    private final byte[] dummyInput;
    private byte[] scratch = new byte[0];

    /**
     * {@code mac} holds this direction's MAC key (HMAC-SHA1/SHA256/SHA384 per the suite); explicit IVs come from
     * {@code random}. {@code encryptThenMac} only when RFC 7366 was negotiated.
     */
    public CbcProtection(BlockCipherCbc cbc, Hmac mac, boolean encryptThenMac, SecureRandom random) {
        if (!cbc.cipher().isCbc()) {
            throw new IllegalArgumentException(cbc.cipher() + " is not a CBC cipher");
        }
        int hashBlock = mac.algorithm().blockLength();
        if (Integer.bitCount(hashBlock) != 1) {
            throw new IllegalArgumentException("hash block length " + hashBlock + " is not a power of two");
        }
        this.cbc = cbc;
        this.mac = mac;
        this.encryptThenMac = encryptThenMac;
        this.random = random;
        this.block = cbc.cipher().blockLength();
        this.macLength = mac.macLength();
        this.hashBlockShift = Integer.numberOfTrailingZeros(hashBlock);
        // SHA-1/SHA-2 end with a bit count of 1/8 of the block: 8 bytes for 64-byte blocks, 16 for 128.
        this.hashLengthField = hashBlock / 8;
        this.iv = new byte[block];
        this.expectedMac = new byte[macLength];
        this.receivedMac = new byte[macLength];
        this.rotatedMac = new byte[macLength];
        this.dummyMac = new byte[macLength];
        this.dummyInput = new byte[(MAX_PADDING / hashBlock + 2) * hashBlock];
    }

    @Override
    public int maxExpansion() {
        // explicit IV, MAC, and minimal padding of at most one block including the padding_length byte
        return block + macLength + block;
    }

    @Override
    public int protectedLength(int plaintextLength) {
        if (encryptThenMac) {
            return block + roundUp(plaintextLength + 1) + macLength;
        }
        return block + roundUp(plaintextLength + macLength + 1);
    }

    @Override
    public int maxPlaintextLength(int fragmentLength) {
        return fragmentLength - block - macLength - 1;
    }

    @Override
    public int seal(long seq, ContentType type, int version, ByteBuffer plaintext, ByteBuffer out) {
        int n = plaintext.remaining();
        if (n > RecordLimits.MAX_PLAINTEXT) {
            throw new IllegalArgumentException("record plaintext of " + n + " bytes is over 2^14");
        }
        refuseIfDestroyed();
        int length = protectedLength(n);
        byte[] s = scratch(length);
        try {
            return seal(seq, type, version, plaintext, n, length, s, out);
        } finally {
            Arrays.fill(s, 0, length, (byte) 0); // no plaintext or MAC input outlives the record
        }
    }

    private int seal(long seq, ContentType type, int version, ByteBuffer plaintext, int n, int length, byte[] s,
            ByteBuffer out) {
        random.nextBytes(iv);
        System.arraycopy(iv, 0, s, 0, block);
        plaintext.get(s, block, n);
        if (encryptThenMac) {
            int body = length - block - macLength;
            pad(s, block + n, block + body);
            cbc.encrypt(iv, s, block, body, s, block);
            macHeader(seq, type, version, block + body);
            mac.update(header, 0, HEADER_LENGTH);
            mac.update(s, 0, block + body);
            mac.doFinal(s, block + body);
        } else {
            macHeader(seq, type, version, n);
            mac.update(header, 0, HEADER_LENGTH);
            mac.update(s, block, n);
            mac.doFinal(s, block + n);
            pad(s, block + n + macLength, length);
            cbc.encrypt(iv, s, block, length - block, s, block);
        }
        out.put(s, 0, length);
        return length;
    }

    @Override
    public int open(long seq, ContentType type, int version, ByteBuffer fragment, ByteBuffer out) {
        refuseIfDestroyed();
        int f = fragment.remaining();
        try {
            return encryptThenMac ? openEncryptThenMac(seq, type, version, fragment, out)
                    : openMacThenEncrypt(seq, type, version, fragment, out);
        } finally {
            Arrays.fill(scratch, 0, Math.min(f, scratch.length), (byte) 0); // the decrypted record, good or bad
        }
    }

    private int openMacThenEncrypt(long seq, ContentType type, int version, ByteBuffer fragment, ByteBuffer out) {
        int f = fragment.remaining();
        // Public facts only: the record length.
        if (f % block != 0 || f < block + Math.max(macLength + 1, block)) {
            throw authenticationFailed();
        }
        byte[] s = scratch(f);
        fragment.get(s, 0, f);
        System.arraycopy(s, 0, iv, 0, block);
        int bodyLength = f - block;
        cbc.decrypt(iv, s, block, bodyLength, s, block);

        int paddingGood = paddingGoodMask(s, block, bodyLength, macLength);
        // RFC 5246 §6.2.3.2: with bad padding, go on as if padding_length were 0.
        int paddingLength = (s[f - 1] & 0xFF) & paddingGood;
        int maxContent = bodyLength - macLength - 1;
        int contentLength = maxContent - paddingLength;
        int scanStart = block + Math.max(0, maxContent - (MAX_PADDING - 1));
        copyMac(s, scanStart, f - 1, block + contentLength);

        macHeader(seq, type, version, contentLength);
        mac.update(header, 0, HEADER_LENGTH);
        mac.update(s, block, contentLength);
        mac.doFinal(expectedMac, 0);
        // Lucky13: feed the compression calls the shorter content saved to a dummy MAC of the same key.
        int dummyBlocks = compressions(maxContent) - compressions(contentLength);
        mac.update(dummyInput, 0, dummyBlocks << hashBlockShift);
        mac.doFinal(dummyMac, 0);

        boolean macGood = MessageDigest.isEqual(expectedMac, receivedMac);
        if ((paddingGood & (macGood ? -1 : 0)) == 0) {
            throw authenticationFailed();
        }
        out.put(s, block, contentLength);
        return contentLength;
    }

    private int openEncryptThenMac(long seq, ContentType type, int version, ByteBuffer fragment, ByteBuffer out) {
        int f = fragment.remaining();
        if (f < block + block + macLength || (f - macLength) % block != 0) {
            throw authenticationFailed();
        }
        byte[] s = scratch(f);
        fragment.get(s, 0, f);
        int cipherLength = f - macLength;
        // RFC 7366 §3: authenticate IV + ciphertext before decrypting anything.
        macHeader(seq, type, version, cipherLength);
        mac.update(header, 0, HEADER_LENGTH);
        mac.update(s, 0, cipherLength);
        mac.doFinal(expectedMac, 0);
        System.arraycopy(s, cipherLength, receivedMac, 0, macLength);
        if (!MessageDigest.isEqual(expectedMac, receivedMac)) {
            throw authenticationFailed();
        }
        System.arraycopy(s, 0, iv, 0, block);
        int bodyLength = cipherLength - block;
        cbc.decrypt(iv, s, block, bodyLength, s, block);
        if (paddingGoodMask(s, block, bodyLength, 0) == 0) {
            throw authenticationFailed();
        }
        int contentLength = bodyLength - 1 - (s[cipherLength - 1] & 0xFF);
        out.put(s, block, contentLength);
        return contentLength;
    }

    /**
     * -1 if {@code s[off, off + length)} ends in valid padding (every one of the last padding_length + 1 bytes
     * equals padding_length) with at least {@code minRest} bytes before it, else 0. Reads the same bytes whatever
     * the padding byte says, without branching on it.
     */
    private static int paddingGoodMask(byte[] s, int off, int length, int minRest) {
        int end = off + length;
        int p = s[end - 1] & 0xFF;
        int good = ~lessThan(length, p + 1 + minRest);
        int toCheck = Math.min(MAX_PADDING, length);
        int diff = 0;
        for (int i = 1; i <= toCheck; i++) {
            int inPadding = lessThan(i, p + 2);
            diff |= ((s[end - i] & 0xFF) ^ p) & inPadding;
        }
        return good & isZero(diff);
    }

    /**
     * Copies the MAC that starts at the secret {@code macStart} into {@link #receivedMac}: every byte of the
     * public window {@code [scanStart, scanEnd)} is read, MAC bytes land rotated by a secret amount, and the
     * rotation is undone with masks, so no load address depends on the padding.
     */
    private void copyMac(byte[] s, int scanStart, int scanEnd, int macStart) {
        Arrays.fill(rotatedMac, (byte) 0);
        int macEnd = macStart + macLength;
        int rotation = 0;
        int j = 0;
        for (int i = scanStart; i < scanEnd; i++) {
            int inMac = ~lessThan(i, macStart) & lessThan(i, macEnd);
            rotation |= j & equal(i, macStart);
            rotatedMac[j] |= (byte) (s[i] & inMac);
            j++;
            if (j == macLength) {
                j = 0;
            }
        }
        for (int k = 0; k < macLength; k++) {
            int index = rotation + k;
            index -= macLength & ~lessThan(index, macLength);
            int v = 0;
            for (int t = 0; t < macLength; t++) {
                v |= rotatedMac[t] & equal(t, index);
            }
            receivedMac[k] = (byte) v;
        }
    }

    /** Compression calls for the inner hash over header + content, less a constant; block length a power of 2. */
    private int compressions(int contentLength) {
        return (HEADER_LENGTH + contentLength + hashLengthField) >>> hashBlockShift;
    }

    // seq_num + TLSCompressed.type + TLSCompressed.version + length
    private void macHeader(long seq, ContentType type, int version, int length) {
        for (int i = 0; i < 8; i++) {
            header[i] = (byte) (seq >>> (56 - 8 * i));
        }
        header[8] = (byte) type.code();
        header[9] = (byte) (version >>> 8);
        header[10] = (byte) version;
        header[11] = (byte) (length >>> 8);
        header[12] = (byte) length;
    }

    // RFC 5246 §6.2.3.2: each padding byte, and padding_length, hold padding_length.
    private static void pad(byte[] s, int from, int to) {
        Arrays.fill(s, from, to, (byte) (to - from - 1));
    }

    private int roundUp(int n) {
        return (n + block - 1) / block * block;
    }

    private byte[] scratch(int n) {
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, RecordLimits.MAX_CIPHERTEXT)];
        }
        return scratch;
    }

    /** For tests: the buffer records are built and opened in. */
    byte[] scratchBuffer() {
        return scratch;
    }

    private static TlsException authenticationFailed() {
        return new TlsException(AlertDescription.BAD_RECORD_MAC, AUTH_FAILED);
    }

    /** -1 if a &lt; b, else 0; for operands whose difference fits in an int. */
    private static int lessThan(int a, int b) {
        return (a - b) >> 31;
    }

    /** -1 if x == 0, else 0; for 0 &lt;= x. */
    private static int isZero(int x) {
        return (x - 1) >> 31;
    }

    /** -1 if a == b, else 0; for non-negative operands. */
    private static int equal(int a, int b) {
        return isZero(a ^ b);
    }

    // the MAC was given back with the keys: no record may reach it
    private void refuseIfDestroyed() {
        if (cbc.isDestroyed()) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR, cbc.cipher() + " keys were destroyed: the"
                    + " connection direction they protected is closed");
        }
    }

    /** Wipes the cipher key and gives the MAC back keyed with zeros. */
    @Override
    public void destroy() {
        cbc.destroy();
        mac.close();
    }

    @Override
    public boolean isDestroyed() {
        return cbc.isDestroyed();
    }
}
