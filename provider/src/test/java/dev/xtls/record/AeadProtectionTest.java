package dev.xtls.record;

import static dev.xtls.record.RecordAssertions.TLS12;
import static dev.xtls.record.RecordAssertions.assertAuthenticationFails;
import static dev.xtls.record.RecordAssertions.assertBadRecordMac;
import static dev.xtls.record.RecordAssertions.buffer;
import static dev.xtls.record.RecordAssertions.bufferOf;
import static dev.xtls.record.RecordAssertions.bytes;
import static dev.xtls.record.RecordAssertions.header;
import static dev.xtls.record.RecordAssertions.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xtls.crypto.BulkCipher;
import dev.xtls.crypto.TlsCrypto;
import dev.xtls.crypto.jca.JcaTlsCrypto;
import dev.xtls.wire.ContentType;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AeadProtectionTest {
    private static final TlsCrypto CRYPTO = new JcaTlsCrypto(new SecureRandom());
    private static final long SEQ = 0x0102030405060708L;
    private static final byte[] PLAINTEXT = "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n".getBytes();

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static final byte[] CHACHA_KEY = hex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
    private static final byte[] CHACHA_IV = hex("070000004041424344454647");
    private static final byte[] GCM_KEY = hex("feffe9928665731c6d6a8f9467308308");
    private static final byte[] GCM_SALT = hex("cafebabe");

    private static AeadProtection protection(BulkCipher cipher, byte[] key, byte[] iv) {
        return new AeadProtection(CRYPTO.aead(cipher, key), iv);
    }

    private static byte[] seal(AeadProtection p, long seq, byte[] plaintext) {
        ByteBuffer out = ByteBuffer.allocate(p.protectedLength(plaintext.length));
        int n = p.seal(seq, ContentType.APPLICATION_DATA, TLS12, ByteBuffer.wrap(plaintext), out);
        assertEquals(out.capacity(), n);
        return out.array();
    }

    private static byte[] open(AeadProtection p, long seq, byte[] fragment) {
        ByteBuffer out = ByteBuffer.allocate(Math.max(0, p.maxPlaintextLength(fragment.length)));
        p.open(seq, ContentType.APPLICATION_DATA, TLS12, ByteBuffer.wrap(fragment), out);
        return Arrays.copyOf(out.array(), out.position());
    }

    // RFC 7905 §2: nonce = client_write_IV XOR (four zero bytes || 64-bit sequence number), computed by hand.
    private static byte[] chachaNonce(long seq) {
        byte[] nonce = CHACHA_IV.clone();
        byte[] s = ByteBuffer.allocate(8).putLong(seq).array();
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] ^= s[i];
        }
        return nonce;
    }

    private static Cipher jdkChaCha(int mode, long seq, int length) throws Exception {
        Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
        c.init(mode, new SecretKeySpec(CHACHA_KEY, "ChaCha20"), new IvParameterSpec(chachaNonce(seq)));
        c.updateAAD(header(seq, 23, TLS12, length));
        return c;
    }

    // RFC 5288 §3: nonce = salt || explicit nonce, and the explicit nonce we send is the sequence number.
    private static Cipher jdkGcm(int mode, long seq, int length) throws Exception {
        byte[] nonce = ByteBuffer.allocate(12).put(GCM_SALT).putLong(seq).array();
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(GCM_KEY, "AES"), new GCMParameterSpec(128, nonce));
        c.updateAAD(header(seq, 23, TLS12, length));
        return c;
    }

    @Test
    void chachaRecordDecryptsWithTheJdkCipherUnderTheXoredNonce() throws Exception {
        byte[] fragment = seal(protection(BulkCipher.CHACHA20_POLY1305, CHACHA_KEY, CHACHA_IV), SEQ, PLAINTEXT);
        assertEquals(PLAINTEXT.length + 16, fragment.length);
        assertArrayEquals(PLAINTEXT, jdkChaCha(Cipher.DECRYPT_MODE, SEQ, PLAINTEXT.length).doFinal(fragment));
    }

    @Test
    void chachaOpensARecordSealedByTheJdkCipher() throws Exception {
        byte[] fragment = jdkChaCha(Cipher.ENCRYPT_MODE, SEQ, PLAINTEXT.length).doFinal(PLAINTEXT);
        assertArrayEquals(PLAINTEXT, open(protection(BulkCipher.CHACHA20_POLY1305, CHACHA_KEY, CHACHA_IV), SEQ,
                fragment));
    }

    @Test
    void chachaNonceChangesWithTheSequenceNumber() {
        AeadProtection p = protection(BulkCipher.CHACHA20_POLY1305, CHACHA_KEY, CHACHA_IV);
        byte[] first = seal(p, 0, PLAINTEXT);
        byte[] second = seal(p, 1, PLAINTEXT);
        assertEquals(false, Arrays.equals(first, second));
        assertAuthenticationFails(() -> open(p, 1, first), "record 0 opened as record 1");
    }

    @Test
    void gcmRecordCarriesTheSequenceNumberAsExplicitNonceAndDecryptsWithTheJdkCipher() throws Exception {
        byte[] fragment = seal(protection(BulkCipher.AES_128_GCM, GCM_KEY, GCM_SALT), SEQ, PLAINTEXT);
        assertEquals(8 + PLAINTEXT.length + 16, fragment.length);
        assertArrayEquals(ByteBuffer.allocate(8).putLong(SEQ).array(), Arrays.copyOf(fragment, 8));
        byte[] body = Arrays.copyOfRange(fragment, 8, fragment.length);
        assertArrayEquals(PLAINTEXT, jdkGcm(Cipher.DECRYPT_MODE, SEQ, PLAINTEXT.length).doFinal(body));
    }

    @Test
    void gcmOpensARecordSealedByTheJdkCipher() throws Exception {
        byte[] body = jdkGcm(Cipher.ENCRYPT_MODE, SEQ, PLAINTEXT.length).doFinal(PLAINTEXT);
        byte[] fragment = ByteBuffer.allocate(8 + body.length).putLong(SEQ).put(body).array();
        assertArrayEquals(PLAINTEXT, open(protection(BulkCipher.AES_128_GCM, GCM_KEY, GCM_SALT), SEQ, fragment));
    }

    @ParameterizedTest(name = "{0}, {1} bytes, direct={2}")
    @CsvSource({"AES_128_GCM, 0, false", "AES_128_GCM, 1, true", "AES_256_GCM, 16384, false",
            "AES_256_GCM, 100, true", "CHACHA20_POLY1305, 0, true", "CHACHA20_POLY1305, 1000, false",
            "CHACHA20_POLY1305, 16384, true"})
    void roundTripsThroughHeapAndDirectBuffers(BulkCipher cipher, int length, boolean direct) {
        AeadProtection writer = protection(cipher, pattern(cipher.keyLength(), 1), pattern(cipher.fixedIvLength(), 2));
        AeadProtection reader = protection(cipher, pattern(cipher.keyLength(), 1), pattern(cipher.fixedIvLength(), 2));
        byte[] plaintext = pattern(length, 3);
        ByteBuffer out = buffer(direct, writer.protectedLength(length));
        int n = writer.seal(7, ContentType.HANDSHAKE, TLS12, bufferOf(direct, plaintext), out);
        assertEquals(writer.protectedLength(length), n);
        assertEquals(length + writer.maxExpansion(), n);
        out.flip();
        ByteBuffer back = buffer(direct, reader.maxPlaintextLength(n));
        assertEquals(length, reader.open(7, ContentType.HANDSHAKE, TLS12, out, back));
        back.flip();
        assertArrayEquals(plaintext, bytes(back));
    }

    @ParameterizedTest
    @CsvSource({"AES_128_GCM", "CHACHA20_POLY1305"})
    void opensInPlace(BulkCipher cipher) {
        AeadProtection p = protection(cipher, pattern(cipher.keyLength(), 1), pattern(cipher.fixedIvLength(), 2));
        byte[] fragment = seal(p, 3, PLAINTEXT);
        ByteBuffer in = ByteBuffer.wrap(fragment);
        ByteBuffer out = ByteBuffer.wrap(fragment);
        // For GCM the plaintext lands where the explicit nonce was.
        int n = p.open(3, ContentType.APPLICATION_DATA, TLS12, in, out);
        assertArrayEquals(PLAINTEXT, Arrays.copyOf(fragment, n));
    }

    @ParameterizedTest
    @CsvSource({"AES_128_GCM", "AES_256_GCM", "CHACHA20_POLY1305"})
    void rejectsEveryFlippedBitWithBadRecordMac(BulkCipher cipher) {
        AeadProtection p = protection(cipher, pattern(cipher.keyLength(), 1), pattern(cipher.fixedIvLength(), 2));
        byte[] fragment = seal(p, 5, PLAINTEXT);
        for (int i = 0; i < fragment.length; i++) {
            for (int bit = 0; bit < 8; bit += 7) {
                byte[] tampered = fragment.clone();
                tampered[i] ^= (byte) (1 << bit);
                assertAuthenticationFails(() -> open(p, 5, tampered), "bit " + bit + " of byte " + i);
            }
        }
        assertArrayEquals(PLAINTEXT, open(p, 5, fragment));
    }

    @ParameterizedTest
    @CsvSource({"AES_128_GCM", "CHACHA20_POLY1305"})
    void rejectsAWrongTypeVersionOrSequenceNumber(BulkCipher cipher) {
        AeadProtection p = protection(cipher, pattern(cipher.keyLength(), 1), pattern(cipher.fixedIvLength(), 2));
        byte[] fragment = seal(p, 5, PLAINTEXT);
        assertAuthenticationFails(() -> open(p, 6, fragment), "sequence number");
        assertAuthenticationFails(() -> p.open(5, ContentType.HANDSHAKE, TLS12, ByteBuffer.wrap(fragment),
                ByteBuffer.allocate(fragment.length)), "type");
        assertAuthenticationFails(() -> p.open(5, ContentType.APPLICATION_DATA, 0x0302, ByteBuffer.wrap(fragment),
                ByteBuffer.allocate(fragment.length)), "version");
    }

    @ParameterizedTest
    @CsvSource({"AES_128_GCM", "CHACHA20_POLY1305"})
    void rejectsTruncatedRecordsWithBadRecordMac(BulkCipher cipher) {
        AeadProtection p = protection(cipher, pattern(cipher.keyLength(), 1), pattern(cipher.fixedIvLength(), 2));
        byte[] fragment = seal(p, 5, PLAINTEXT);
        for (int n : new int[] {0, 1, p.maxExpansion() - 1, p.maxExpansion(), fragment.length - 1}) {
            byte[] cut = Arrays.copyOf(fragment, n);
            assertBadRecordMac(() -> open(p, 5, cut), "truncated to " + n);
        }
    }
}
