package dev.xtls.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.crypto.HashAlgorithm;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.modes.CBCModeCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * An independent TLS 1.2 CBC record codec over Bouncy Castle's low-level AES, CBC and HMAC, assembled by hand
 * from RFC 5246 §6.2.3.2 and RFC 7366 §3; the test oracle for {@link CbcProtection}. Every record it builds
 * uses version TLS 1.2.
 */
final class BcCbcRecords {
    private static final int BLOCK = 16;

    private BcCbcRecords() {
    }

    static Digest digest(HashAlgorithm h) {
        return switch (h) {
            case SHA1 -> new SHA1Digest();
            case SHA256 -> new SHA256Digest();
            case SHA384 -> new SHA384Digest();
            case SHA512 -> throw new IllegalArgumentException("no TLS 1.2 CBC suite uses HMAC-SHA512");
        };
    }

    /** HMAC(key, seq_num + type + version + length + data), length being data's. */
    static byte[] mac(HashAlgorithm h, byte[] key, long seq, int type, byte[] data) {
        HMac hmac = new HMac(digest(h));
        hmac.init(new KeyParameter(key));
        byte[] header = RecordAssertions.header(seq, type, RecordAssertions.TLS12, data.length);
        hmac.update(header, 0, header.length);
        hmac.update(data, 0, data.length);
        byte[] out = new byte[hmac.getMacSize()];
        hmac.doFinal(out, 0);
        return out;
    }

    /** padding_length + 1 bytes, each holding padding_length. */
    static byte[] padding(int paddingLength) {
        byte[] p = new byte[paddingLength + 1];
        Arrays.fill(p, (byte) paddingLength);
        return p;
    }

    /** IV + AES-CBC(body); body must be whole blocks. */
    static byte[] encrypt(byte[] key, byte[] iv, byte[] body) {
        assertEquals(0, body.length % BLOCK, "body must be whole blocks");
        return concat(iv, run(true, key, iv, body));
    }

    /** AES-CBC decryption of fragment = IV + ciphertext. */
    static byte[] decrypt(byte[] key, byte[] fragment) {
        byte[] iv = Arrays.copyOf(fragment, BLOCK);
        return run(false, key, iv, Arrays.copyOfRange(fragment, BLOCK, fragment.length));
    }

    /** RFC 5246 §6.2.3.2: IV + CBC(content + MAC + padding); paddingLength must make whole blocks. */
    static byte[] macThenEncrypt(HashAlgorithm h, byte[] macKey, byte[] encKey, byte[] iv, long seq, int type,
            byte[] content, int paddingLength) {
        byte[] mac = mac(h, macKey, seq, type, content);
        return encrypt(encKey, iv, concat(content, mac, padding(paddingLength)));
    }

    /** RFC 7366 §3: IV + CBC(content + padding) + MAC over header(length of IV + ciphertext) + IV + ciphertext. */
    static byte[] encryptThenMac(HashAlgorithm h, byte[] macKey, byte[] encKey, byte[] iv, long seq, int type,
            byte[] content, int paddingLength) {
        byte[] c = encrypt(encKey, iv, concat(content, padding(paddingLength)));
        return concat(c, mac(h, macKey, seq, type, c));
    }

    /** The smallest padding_length that makes {@code n} bytes plus padding whole blocks. */
    static int minimalPadding(int n) {
        return (BLOCK - (n + 1) % BLOCK) % BLOCK;
    }

    /** Opens a MAC-then-encrypt record, asserting padding and MAC; returns the content. */
    static byte[] openMacThenEncrypt(HashAlgorithm h, byte[] macKey, byte[] encKey, long seq, int type,
            byte[] fragment) {
        byte[] body = decrypt(encKey, fragment);
        int p = body[body.length - 1] & 0xFF;
        int macLength = h.outputLength();
        assertTrue(p + 1 + macLength <= body.length, "padding fits");
        for (int i = body.length - 1 - p; i < body.length; i++) {
            assertEquals(p, body[i] & 0xFF, "padding byte " + i);
        }
        int n = body.length - 1 - p - macLength;
        byte[] content = Arrays.copyOf(body, n);
        assertTrue(MessageDigest.isEqual(mac(h, macKey, seq, type, content), Arrays.copyOfRange(body, n,
                n + macLength)), "MAC");
        return content;
    }

    /** Opens an encrypt-then-MAC record, asserting MAC and padding; returns the content. */
    static byte[] openEncryptThenMac(HashAlgorithm h, byte[] macKey, byte[] encKey, long seq, int type,
            byte[] fragment) {
        int c = fragment.length - h.outputLength();
        byte[] ivAndCiphertext = Arrays.copyOf(fragment, c);
        assertTrue(MessageDigest.isEqual(mac(h, macKey, seq, type, ivAndCiphertext),
                Arrays.copyOfRange(fragment, c, fragment.length)), "MAC");
        byte[] body = decrypt(encKey, ivAndCiphertext);
        int p = body[body.length - 1] & 0xFF;
        assertTrue(p + 1 <= body.length, "padding fits");
        for (int i = body.length - 1 - p; i < body.length; i++) {
            assertEquals(p, body[i] & 0xFF, "padding byte " + i);
        }
        return Arrays.copyOf(body, body.length - 1 - p);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] run(boolean encrypt, byte[] key, byte[] iv, byte[] in) {
        CBCModeCipher cbc = CBCBlockCipher.newInstance(AESEngine.newInstance());
        cbc.init(encrypt, new ParametersWithIV(new KeyParameter(key), iv));
        byte[] out = new byte[in.length];
        for (int off = 0; off < in.length; off += BLOCK) {
            cbc.processBlock(in, off, out, off);
        }
        return out;
    }
}
