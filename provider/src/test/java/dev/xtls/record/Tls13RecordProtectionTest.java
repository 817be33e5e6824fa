package dev.xtls.record;

import static dev.xtls.record.RecordAssertions.assertAuthenticationFails;
import static dev.xtls.record.RecordAssertions.assertBadRecordMac;
import static dev.xtls.record.RecordAssertions.buffer;
import static dev.xtls.record.RecordAssertions.bufferOf;
import static dev.xtls.record.RecordAssertions.bytes;
import static dev.xtls.record.RecordAssertions.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.crypto.BulkCipher;
import dev.xtls.crypto.TlsCrypto;
import dev.xtls.crypto.jca.JcaTlsCrypto;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.ContentType;
import dev.xtls.wire.TlsException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Tls13RecordProtectionTest {
    private static final TlsCrypto CRYPTO = new JcaTlsCrypto(new SecureRandom());
    private static final int TLS12 = 0x0303;
    private static final int HEADER = RecordLimits.HEADER_LENGTH;

    /** A fresh protection under one RFC 8448 §3 traffic key, e.g. "server handshake". */
    private static Tls13RecordProtection rfcKeys(String keys) {
        return new Tls13RecordProtection(CRYPTO.aead(BulkCipher.AES_128_GCM, Rfc8448Trace.get(keys + " key")),
                Rfc8448Trace.get(keys + " iv"));
    }

    private static Tls13RecordProtection protection(BulkCipher cipher, RecordPadding padding) {
        return new Tls13RecordProtection(CRYPTO.aead(cipher, pattern(cipher.keyLength(), 1)), pattern(12, 2),
                padding);
    }

    private static byte[] seal(Tls13RecordProtection p, long seq, ContentType type, byte[] content) {
        ByteBuffer out = ByteBuffer.allocate(p.protectedLength(content.length));
        assertEquals(out.capacity(), p.seal(seq, type, TLS12, ByteBuffer.wrap(content), out));
        return out.array();
    }

    private static byte[] open(Tls13RecordProtection p, long seq, byte[] fragment) {
        ByteBuffer out = ByteBuffer.allocate(Math.max(0, p.maxPlaintextLength(fragment.length)));
        int n = p.open(seq, ContentType.APPLICATION_DATA, TLS12, ByteBuffer.wrap(fragment), out);
        assertEquals(n, out.position());
        return Arrays.copyOf(out.array(), n);
    }

    private static byte[] fragmentOf(byte[] record) {
        return Arrays.copyOfRange(record, HEADER, record.length);
    }

    private static void assertAlert(AlertDescription alert, Executable open, String what) {
        assertEquals(alert, assertThrows(TlsException.class, open, what).alert(), what);
    }

    // RFC 8448 §3: each protected record with the keys that wrote it, its sequence number under them and its type
    @ParameterizedTest(name = "{0}")
    @CsvSource({"server handshake, server handshake, 0, 22", "client finished, client handshake, 0, 22",
            "server ticket, server application, 0, 22", "client application, client application, 0, 23",
            "server application, server application, 1, 23", "client alert, client application, 1, 21",
            "server alert, server application, 2, 21"})
    void sealsAndOpensEachRecordOfTheRfc8448TraceByteForByte(String record, String keys, long seq, int type) {
        byte[] payload = Rfc8448Trace.get(record + " payload");
        byte[] expected = Rfc8448Trace.get(record + " record");
        Tls13RecordProtection writer = rfcKeys(keys);
        ContentType contentType = new ContentType(type);
        assertEquals(ContentType.APPLICATION_DATA, writer.outerType(contentType));
        assertArrayEquals(fragmentOf(expected), seal(writer, seq, contentType, payload));

        Tls13RecordProtection reader = rfcKeys(keys);
        assertArrayEquals(payload, open(reader, seq, fragmentOf(expected)));
        assertEquals(contentType, reader.openedType(ContentType.APPLICATION_DATA));
    }

    private static byte[] write(RecordWriter writer, ContentType type, String record) {
        byte[] payload = Rfc8448Trace.get(record + " payload");
        ByteBuffer out = ByteBuffer.allocate(writer.recordLength(payload.length));
        writer.write(type, ByteBuffer.wrap(payload), out);
        assertEquals(0, out.remaining());
        return out.array();
    }

    // RFC 8448 §3: the server writes its handshake flight, then NewSessionTicket, data and close_notify under the
    // application keys; the new keys restart the sequence number at 0 and each record advances it (RFC 8446 §5.3).
    @Test
    void recordWriterReproducesTheServerSideOfTheTraceAcrossAKeyChange() {
        RecordWriter writer = new RecordWriter();
        writer.install(rfcKeys("server handshake"));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(write(writer, ContentType.HANDSHAKE, "server handshake"));
        writer.install(rfcKeys("server application"));
        wire.writeBytes(write(writer, ContentType.HANDSHAKE, "server ticket"));
        wire.writeBytes(write(writer, ContentType.APPLICATION_DATA, "server application"));
        wire.writeBytes(write(writer, ContentType.ALERT, "server alert"));

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (String record : new String[] {"server handshake", "server ticket", "server application", "server alert"}) {
            expected.writeBytes(Rfc8448Trace.get(record + " record"));
        }
        assertArrayEquals(expected.toByteArray(), wire.toByteArray());
    }

    // The client side of RFC 8448 §3 read back: the reader reports the inner type, which the header hides.
    @Test
    void recordReaderOpensTheClientSideOfTheTraceAndReportsTheInnerTypes() {
        RecordReader reader = new RecordReader();
        reader.install(rfcKeys("client handshake"));
        assertRead(reader, "client finished", ContentType.HANDSHAKE);
        reader.install(rfcKeys("client application"));
        assertRead(reader, "client application", ContentType.APPLICATION_DATA);
        assertRead(reader, "client alert", ContentType.ALERT);
    }

    private static void assertRead(RecordReader reader, String record, ContentType type) {
        ByteBuffer src = ByteBuffer.wrap(Rfc8448Trace.get(record + " record"));
        int length = reader.recordLength(src);
        assertEquals(src.remaining(), length);
        assertEquals(ContentType.APPLICATION_DATA, RecordReader.peekType(src));
        ByteBuffer out = ByteBuffer.allocate(RecordLimits.MAX_CIPHERTEXT);
        int n = reader.read(src, length, out);
        assertArrayEquals(Rfc8448Trace.get(record + " payload"), Arrays.copyOf(out.array(), n), record);
        assertEquals(type, reader.lastType(), record);
    }

    @Test
    void rejectsEveryFlippedBitOfTheRfcRecordWithBadRecordMac() {
        byte[] fragment = fragmentOf(Rfc8448Trace.get("client finished record"));
        for (int i = 0; i < fragment.length; i++) {
            for (int bit = 0; bit < 8; bit += 7) {
                byte[] tampered = fragment.clone();
                tampered[i] ^= (byte) (1 << bit);
                assertAuthenticationFails(() -> open(rfcKeys("client handshake"), 0, tampered),
                        "bit " + bit + " of byte " + i);
            }
        }
        assertArrayEquals(Rfc8448Trace.get("client finished payload"), open(rfcKeys("client handshake"), 0, fragment));
    }

    @Test
    void rejectsTheRfcRecordUnderAnotherSequenceNumberVersionOrKeyWithBadRecordMac() {
        byte[] fragment = fragmentOf(Rfc8448Trace.get("server application record"));
        assertAuthenticationFails(() -> open(rfcKeys("server application"), 0, fragment), "sequence number 0");
        assertAuthenticationFails(() -> open(rfcKeys("server application"), 2, fragment), "sequence number 2");
        assertAuthenticationFails(() -> rfcKeys("server application").open(1, ContentType.APPLICATION_DATA, 0x0301,
                ByteBuffer.wrap(fragment), ByteBuffer.allocate(fragment.length)), "record version in the header");
        assertAuthenticationFails(() -> open(rfcKeys("client application"), 1, fragment), "the client's key");
    }

    @Test
    void rejectsTruncatedRecordsWithBadRecordMac() {
        byte[] fragment = fragmentOf(Rfc8448Trace.get("client alert record"));
        for (int n : new int[] {0, 1, 15, fragment.length - 1}) {
            byte[] cut = Arrays.copyOf(fragment, n);
            assertBadRecordMac(() -> open(rfcKeys("client application"), 1, cut), "truncated to " + n);
        }
    }

    @Test
    void rejectsARecordOverTwoToTheFourteenPlus256WithRecordOverflow() {
        Tls13RecordProtection p = protection(BulkCipher.AES_128_GCM, RecordPadding.NONE);
        byte[] tooLong = new byte[Tls13RecordProtection.MAX_CIPHERTEXT + 1];
        assertAlert(AlertDescription.RECORD_OVERFLOW, () -> open(p, 0, tooLong), "2^14 + 257 bytes");
    }

    @ParameterizedTest
    @CsvSource({"AES_128_GCM", "AES_256_GCM", "CHACHA20_POLY1305"})
    void rejectsAnInnerPlaintextOverTwoToTheFourteenPlusOneWithRecordOverflow(BulkCipher cipher) throws Exception {
        // content 2^14 + type byte + one zero of padding: authentic, but one byte over the limit (RFC 8446 §5.4)
        byte[] inner = new byte[RecordLimits.MAX_PLAINTEXT + 2];
        inner[RecordLimits.MAX_PLAINTEXT] = 23;
        byte[] fragment = jdkCipher(cipher, Cipher.ENCRYPT_MODE, 0, inner.length + 16).doFinal(inner);
        assertAlert(AlertDescription.RECORD_OVERFLOW, () -> open(protection(cipher, RecordPadding.NONE), 0, fragment),
                "inner plaintext of 2^14 + 2 bytes");
    }

    @Test
    void opensAFullSizeRecordOfTwoToTheFourteenBytes() {
        byte[] content = pattern(RecordLimits.MAX_PLAINTEXT, 9);
        byte[] fragment = seal(protection(BulkCipher.AES_128_GCM, RecordPadding.NONE), 4, ContentType.HANDSHAKE,
                content);
        assertEquals(RecordLimits.MAX_PLAINTEXT + 1 + 16, fragment.length);
        assertArrayEquals(content, open(protection(BulkCipher.AES_128_GCM, RecordPadding.NONE), 4, fragment));
    }

    @ParameterizedTest(name = "{0} zero bytes")
    @CsvSource({"0", "1", "300"})
    void rejectsAnInnerPlaintextOfOnlyZerosWithUnexpectedMessage(int zeros) throws Exception {
        byte[] fragment = jdkCipher(BulkCipher.AES_128_GCM, Cipher.ENCRYPT_MODE, 3, zeros + 16)
                .doFinal(new byte[zeros]);
        TlsException e = assertThrows(TlsException.class,
                () -> open(protection(BulkCipher.AES_128_GCM, RecordPadding.NONE), 3, fragment));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
        assertTrue(e.getMessage().contains("no content type"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"20, protected change_cipher_spec", "24, unknown content type 24", "1, unknown content type 1"})
    void rejectsAnInnerTypeTls13DoesNotAllowWithUnexpectedMessage(int type, String message) throws Exception {
        byte[] inner = {1, (byte) type};
        byte[] fragment = jdkCipher(BulkCipher.AES_128_GCM, Cipher.ENCRYPT_MODE, 0, 2 + 16).doFinal(inner);
        TlsException e = assertThrows(TlsException.class,
                () -> open(protection(BulkCipher.AES_128_GCM, RecordPadding.NONE), 0, fragment));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"20", "21", "22"})
    void rejectsAnUnprotectedRecordTypeUnderTls13KeysWithUnexpectedMessage(int type) {
        byte[] fragment = fragmentOf(Rfc8448Trace.get("client alert record"));
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, () -> rfcKeys("client application").open(1,
                new ContentType(type), TLS12, ByteBuffer.wrap(fragment), ByteBuffer.allocate(64)), "type " + type);
    }

    @ParameterizedTest(name = "{0} zeros of padding")
    @CsvSource({"1", "255", "16000"})
    void stripsPaddingZerosAndFindsTheTypeBeforeThem(int zeros) throws Exception {
        byte[] content = {0, 5, 0, 7, 0}; // zeros inside the content stay
        byte[] inner = Arrays.copyOf(content, content.length + 1 + zeros);
        inner[content.length] = 22;
        byte[] fragment = jdkCipher(BulkCipher.AES_128_GCM, Cipher.ENCRYPT_MODE, 8, inner.length + 16)
                .doFinal(inner);
        Tls13RecordProtection p = protection(BulkCipher.AES_128_GCM, RecordPadding.NONE);
        assertArrayEquals(content, open(p, 8, fragment));
        assertEquals(ContentType.HANDSHAKE, p.openedType(ContentType.APPLICATION_DATA));
    }

    @ParameterizedTest(name = "{0} bytes padded to {1}")
    @CsvSource({"0, 64, 63", "63, 64, 0", "64, 64, 63", "100, 256, 155", "16384, 4096, 0", "16000, 4096, 383",
            "16380, 3000, 4"})
    void sealsPaddingFromThePolicyThatTheJdkCipherSees(int length, int block, int zeros) throws Exception {
        Tls13RecordProtection p = protection(BulkCipher.AES_128_GCM, new RecordPadding(block));
        byte[] content = pattern(length, 4);
        byte[] fragment = seal(p, 2, ContentType.ALERT, content);
        assertEquals(length + 1 + zeros + 16, fragment.length);
        byte[] inner = jdkCipher(BulkCipher.AES_128_GCM, Cipher.DECRYPT_MODE, 2, fragment.length).doFinal(fragment);
        byte[] expected = Arrays.copyOf(content, length + 1 + zeros);
        expected[length] = 21;
        assertArrayEquals(expected, inner);
        assertArrayEquals(content, open(protection(BulkCipher.AES_128_GCM, RecordPadding.NONE), 2, fragment));
    }

    // RFC 8446 §5.3: nonce = write IV XOR the sequence number left-padded to 12 bytes, computed here by hand;
    // §5.2: the additional data is the 5-byte header with the ciphertext length.
    private static Cipher jdkCipher(BulkCipher cipher, int mode, long seq, int fragmentLength) throws Exception {
        byte[] nonce = pattern(12, 2);
        byte[] s = ByteBuffer.allocate(8).putLong(seq).array();
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] ^= s[i];
        }
        byte[] key = pattern(cipher.keyLength(), 1);
        Cipher c;
        if (cipher == BulkCipher.CHACHA20_POLY1305) {
            c = Cipher.getInstance("ChaCha20-Poly1305");
            c.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        } else {
            c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        }
        c.updateAAD(new byte[] {23, 3, 3, (byte) (fragmentLength >>> 8), (byte) fragmentLength});
        return c;
    }

    @ParameterizedTest(name = "{0}, sequence number {1}")
    @CsvSource({"CHACHA20_POLY1305, 0", "CHACHA20_POLY1305, 1", "CHACHA20_POLY1305, 72623859790382856",
            "AES_256_GCM, 0", "AES_256_GCM, 1", "AES_128_GCM, 1"})
    void sealsWhatTheJdkCipherComputesIndependently(BulkCipher cipher, long seq) throws Exception {
        byte[] content = "GET / HTTP/1.1\r\n\r\n".getBytes();
        byte[] inner = Arrays.copyOf(content, content.length + 1);
        inner[content.length] = 23;
        byte[] expected = jdkCipher(cipher, Cipher.ENCRYPT_MODE, seq, inner.length + 16).doFinal(inner);
        assertArrayEquals(expected, seal(protection(cipher, RecordPadding.NONE), seq, ContentType.APPLICATION_DATA,
                content));
        assertArrayEquals(content, open(protection(cipher, RecordPadding.NONE), seq, expected));
    }

    @Test
    void secondRecordUsesTheNextNonce() throws Exception {
        Tls13RecordProtection p = protection(BulkCipher.CHACHA20_POLY1305, RecordPadding.NONE);
        byte[] content = pattern(40, 6);
        byte[] first = seal(p, 0, ContentType.APPLICATION_DATA, content);
        byte[] second = seal(p, 1, ContentType.APPLICATION_DATA, content);
        byte[] inner = Arrays.copyOf(content, 41);
        inner[40] = 23;
        assertArrayEquals(inner, jdkCipher(BulkCipher.CHACHA20_POLY1305, Cipher.DECRYPT_MODE, 1, second.length)
                .doFinal(second));
        assertAuthenticationFails(() -> open(p, 1, first), "record 0 opened as record 1");
    }

    @ParameterizedTest(name = "{0}, {1} bytes, direct={2}")
    @CsvSource({"AES_128_GCM, 0, false", "AES_128_GCM, 1, true", "AES_256_GCM, 16384, true",
            "CHACHA20_POLY1305, 1000, false", "CHACHA20_POLY1305, 16384, true"})
    void roundTripsThroughHeapAndDirectBuffers(BulkCipher cipher, int length, boolean direct) {
        Tls13RecordProtection writer = protection(cipher, new RecordPadding(32));
        byte[] content = pattern(length, 3);
        ByteBuffer out = buffer(direct, writer.protectedLength(length));
        assertEquals(out.capacity(), writer.seal(7, ContentType.HANDSHAKE, TLS12, bufferOf(direct, content), out));
        out.flip();
        Tls13RecordProtection reader = protection(cipher, RecordPadding.NONE);
        ByteBuffer back = buffer(direct, reader.maxPlaintextLength(out.remaining()));
        assertEquals(length, reader.open(7, ContentType.APPLICATION_DATA, TLS12, out, back));
        back.flip();
        assertArrayEquals(content, bytes(back));
        assertEquals(ContentType.HANDSHAKE, reader.openedType(ContentType.APPLICATION_DATA));
    }

    @ParameterizedTest
    @CsvSource({"AES_128_GCM", "CHACHA20_POLY1305"})
    void opensInPlace(BulkCipher cipher) {
        byte[] content = pattern(300, 5);
        byte[] fragment = seal(protection(cipher, RecordPadding.NONE), 3, ContentType.APPLICATION_DATA, content);
        int n = protection(cipher, RecordPadding.NONE).open(3, ContentType.APPLICATION_DATA, TLS12,
                ByteBuffer.wrap(fragment), ByteBuffer.wrap(fragment));
        assertArrayEquals(content, Arrays.copyOf(fragment, n));
    }

    @Test
    void refusesAnIvThatIsNotTwelveBytes() {
        assertThrows(IllegalArgumentException.class, () -> new Tls13RecordProtection(
                CRYPTO.aead(BulkCipher.AES_128_GCM, new byte[16]), new byte[4]));
    }
}
