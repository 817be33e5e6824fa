package dev.xtls.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.xtls.crypto.Aead;
import dev.xtls.crypto.BlockCipherCbc;
import dev.xtls.crypto.BulkCipher;
import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.Hmac;
import dev.xtls.crypto.TlsCrypto;
import dev.xtls.crypto.jca.JcaTlsCrypto;
import dev.xtls.record.AeadProtection;
import dev.xtls.record.CbcProtection;
import dev.xtls.record.RecordProtection;
import dev.xtls.record.Tls13RecordProtection;
import dev.xtls.wire.ContentType;
import dev.xtls.wire.TlsException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * open() of every record protection with fixed real keys. The peer holds the keys, so besides raw fragments the
 * target also opens records it built from fuzzed plaintext with those keys: CBC padding and MAC bytes of any
 * value (RFC 5246 §6.2.3.2, RFC 7366 §3), TLS 1.3 inner plaintexts of any content type and padding (RFC 8446
 * §5.2). Opening may fail only with a {@link TlsException}; what it opens must be what was sealed.
 */
class RecordProtectionFuzzTest {
    private static final TlsCrypto CRYPTO = new JcaTlsCrypto(new SecureRandom());
    private static final int TLS12 = 0x0303;
    private static final int SCHEMES = 7;

    @FuzzTest(maxDuration = "2m")
    void open(FuzzedDataProvider data) {
        int scheme = data.consumeInt(0, SCHEMES - 1);
        boolean crafted = data.consumeBoolean();
        long seq = data.consumeLong();
        ContentType type = new ContentType(data.consumeInt(20, 24));
        int version = data.consumeBoolean() ? TLS12 : data.consumeInt(0, 0xFFFF);
        byte[] bytes = data.consumeRemainingAsBytes();
        if (!crafted) {
            openRaw(protection(scheme), seq, type, version, bytes);
        } else if (scheme < 2) {
            sealThenOpen(scheme, seq, type, version, bytes);
        } else if (scheme < 5) {
            openCraftedCbc(scheme, seq, type, version, bytes);
        } else {
            openCraftedTls13(scheme, seq, version, bytes);
        }
    }

    private static RecordProtection protection(int scheme) {
        return switch (scheme) {
            case 0 -> new AeadProtection(aead(BulkCipher.AES_128_GCM), key(4, 3));
            case 1 -> new AeadProtection(aead(BulkCipher.CHACHA20_POLY1305), key(12, 3));
            case 2 -> cbc(BulkCipher.AES_128_CBC, HashAlgorithm.SHA1, false);
            case 3 -> cbc(BulkCipher.AES_128_CBC, HashAlgorithm.SHA256, true);
            case 4 -> cbc(BulkCipher.AES_256_CBC, HashAlgorithm.SHA384, false);
            case 5 -> new Tls13RecordProtection(aead(BulkCipher.AES_128_GCM), key(12, 3));
            default -> new Tls13RecordProtection(aead(BulkCipher.CHACHA20_POLY1305), key(12, 3));
        };
    }

    private static byte[] openRaw(RecordProtection p, long seq, ContentType type, int version, byte[] fragment) {
        ByteBuffer out = ByteBuffer.allocate(Math.max(0, p.maxPlaintextLength(fragment.length)));
        try {
            int n = p.open(seq, type, version, ByteBuffer.wrap(fragment), out);
            assertEquals(n, out.position(), "open() returns the bytes it wrote");
            return Arrays.copyOf(out.array(), n);
        } catch (TlsException expected) {
            return null;
        }
    }

    /** TLS 1.2 AEAD content is opaque: any plaintext sealed under the keys opens to itself. */
    private static void sealThenOpen(int scheme, long seq, ContentType type, int version, byte[] plaintext) {
        RecordProtection sealer = protection(scheme);
        ByteBuffer fragment = ByteBuffer.allocate(sealer.protectedLength(plaintext.length));
        sealer.seal(seq, type, version, ByteBuffer.wrap(plaintext), fragment);
        assertArrayEquals(plaintext, openRaw(protection(scheme), seq, type, version, fragment.array()));
    }

    /** IV + CBC(plaintext) with the fuzzed bytes as content, MAC and padding; EtM then MACs it (RFC 7366 §3). */
    private static void openCraftedCbc(int scheme, long seq, ContentType type, int version, byte[] plaintext) {
        boolean etm = scheme == 3;
        BulkCipher cipher = scheme == 4 ? BulkCipher.AES_256_CBC : BulkCipher.AES_128_CBC;
        HashAlgorithm hash = scheme == 2 ? HashAlgorithm.SHA1
                : scheme == 3 ? HashAlgorithm.SHA256 : HashAlgorithm.SHA384;
        int block = cipher.blockLength();
        int blocks = plaintext.length / block;
        byte[] iv = key(block, 9);
        byte[] body = new byte[block + blocks * block];
        System.arraycopy(iv, 0, body, 0, block);
        cbcCipher(cipher).encrypt(iv, plaintext, 0, blocks * block, body, block);
        byte[] fragment = body;
        if (etm) {
            Hmac mac = CRYPTO.hmac(hash, key(hash.outputLength(), 2));
            mac.update(ByteBuffer.allocate(13).putLong(seq).put((byte) type.code()).putShort((short) version)
                    .putShort((short) body.length).array());
            mac.update(body);
            fragment = Arrays.copyOf(body, body.length + mac.macLength());
            mac.doFinal(fragment, body.length);
        }
        byte[] opened = openRaw(protection(scheme), seq, type, version, fragment);
        if (opened != null) {
            byte[] decrypted = Arrays.copyOf(plaintext, blocks * block);
            assertArrayEquals(Arrays.copyOf(decrypted, opened.length), opened, "opened content is the plaintext");
        }
    }

    /** A TLS 1.3 record whose inner plaintext (content, type, zeros) is all fuzzed (RFC 8446 §5.2, §5.3). */
    private static void openCraftedTls13(int scheme, long seq, int version, byte[] inner) {
        BulkCipher cipher = scheme == 5 ? BulkCipher.AES_128_GCM : BulkCipher.CHACHA20_POLY1305;
        byte[] nonce = key(12, 3);
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] ^= (byte) (seq >>> (56 - 8 * i));
        }
        int length = inner.length + cipher.tagLength();
        byte[] aad = {23, (byte) (version >> 8), (byte) version, (byte) (length >> 8), (byte) length};
        ByteBuffer fragment = ByteBuffer.allocate(length);
        aead(cipher).seal(nonce, aad, ByteBuffer.wrap(inner), fragment);
        Tls13RecordProtection p = (Tls13RecordProtection) protection(scheme);
        byte[] opened = openRaw(p, seq, ContentType.APPLICATION_DATA, version, fragment.array());
        if (opened != null) {
            assertArrayEquals(Arrays.copyOf(inner, opened.length), opened, "content precedes the type");
            assertEquals(p.openedType(ContentType.APPLICATION_DATA).code(), inner[opened.length] & 0xFF);
            for (int i = opened.length + 1; i < inner.length; i++) {
                assertTrue(inner[i] == 0, "only zeros follow the content type");
            }
        }
    }

    private static Aead aead(BulkCipher cipher) {
        return CRYPTO.aead(cipher, key(cipher.keyLength(), 1));
    }

    private static BlockCipherCbc cbcCipher(BulkCipher cipher) {
        return CRYPTO.cbc(cipher, key(cipher.keyLength(), 1));
    }

    private static CbcProtection cbc(BulkCipher cipher, HashAlgorithm hash, boolean encryptThenMac) {
        return new CbcProtection(cbcCipher(cipher), CRYPTO.hmac(hash, key(hash.outputLength(), 2)), encryptThenMac,
                CRYPTO.random());
    }

    /** Fixed key material: the fuzzer explores inputs, not keys. */
    private static byte[] key(int length, int seed) {
        byte[] k = new byte[length];
        for (int i = 0; i < length; i++) {
            k[i] = (byte) (seed * 31 + i);
        }
        return k;
    }
}
