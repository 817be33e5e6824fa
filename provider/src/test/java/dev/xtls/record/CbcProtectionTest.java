package dev.xtls.record;

import static dev.xtls.record.BcCbcRecords.concat;
import static dev.xtls.record.BcCbcRecords.minimalPadding;
import static dev.xtls.record.RecordAssertions.TLS12;
import static dev.xtls.record.RecordAssertions.assertAuthenticationFails;
import static dev.xtls.record.RecordAssertions.buffer;
import static dev.xtls.record.RecordAssertions.bufferOf;
import static dev.xtls.record.RecordAssertions.bytes;
import static dev.xtls.record.RecordAssertions.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.crypto.BulkCipher;
import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.TlsCrypto;
import dev.xtls.crypto.jca.JcaTlsCrypto;
import dev.xtls.wire.ContentType;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CbcProtectionTest {
    private static final TlsCrypto CRYPTO = new JcaTlsCrypto(new SecureRandom());
    private static final int APPLICATION_DATA = 23;
    private static final long SEQ = 0x0000000100000002L;
    private static final byte[] IV = pattern(16, 99);

    /** One CBC suite's record parameters: cipher, MAC hash and whether RFC 7366 is on. */
    record Suite(BulkCipher cipher, HashAlgorithm hash, boolean encryptThenMac) {
        byte[] encKey() {
            return pattern(cipher.keyLength(), 1);
        }

        byte[] macKey() {
            return pattern(hash.outputLength(), 2);
        }

        int macLength() {
            return hash.outputLength();
        }

        CbcProtection protection() {
            return new CbcProtection(CRYPTO.cbc(cipher, encKey()), CRYPTO.hmac(hash, macKey()), encryptThenMac,
                    CRYPTO.random());
        }

        /** A record built by Bouncy Castle with the given padding_length. */
        byte[] bcRecord(long seq, byte[] content, int paddingLength) {
            return encryptThenMac
                    ? BcCbcRecords.encryptThenMac(hash, macKey(), encKey(), IV, seq, APPLICATION_DATA, content,
                            paddingLength)
                    : BcCbcRecords.macThenEncrypt(hash, macKey(), encKey(), IV, seq, APPLICATION_DATA, content,
                            paddingLength);
        }

        byte[] bcOpen(long seq, byte[] fragment) {
            return encryptThenMac
                    ? BcCbcRecords.openEncryptThenMac(hash, macKey(), encKey(), seq, APPLICATION_DATA, fragment)
                    : BcCbcRecords.openMacThenEncrypt(hash, macKey(), encKey(), seq, APPLICATION_DATA, fragment);
        }

        /** padding_length that makes content (+ MAC before encryption) whole blocks. */
        int minimalPaddingFor(int contentLength) {
            return minimalPadding(contentLength + (encryptThenMac ? 0 : macLength()));
        }

        @Override
        public String toString() {
            return cipher + " HMAC-" + hash + (encryptThenMac ? " encrypt-then-MAC" : " MAC-then-encrypt");
        }
    }

    static List<Suite> suites() {
        List<Suite> all = new ArrayList<>();
        for (boolean etm : new boolean[] {false, true}) {
            for (HashAlgorithm h : new HashAlgorithm[] {HashAlgorithm.SHA1, HashAlgorithm.SHA256,
                    HashAlgorithm.SHA384}) {
                all.add(new Suite(h == HashAlgorithm.SHA384 ? BulkCipher.AES_256_CBC : BulkCipher.AES_128_CBC, h,
                        etm));
            }
            all.add(new Suite(BulkCipher.AES_256_CBC, HashAlgorithm.SHA1, etm));
        }
        return all;
    }

    static List<Suite> macThenEncryptSuites() {
        return suites().stream().filter(s -> !s.encryptThenMac()).toList();
    }

    private static byte[] seal(CbcProtection p, long seq, byte[] plaintext) {
        ByteBuffer out = ByteBuffer.allocate(p.protectedLength(plaintext.length));
        p.seal(seq, ContentType.APPLICATION_DATA, TLS12, ByteBuffer.wrap(plaintext), out);
        assertFalse(out.hasRemaining());
        return out.array();
    }

    private static byte[] open(CbcProtection p, long seq, byte[] fragment) {
        ByteBuffer out = ByteBuffer.allocate(Math.max(0, p.maxPlaintextLength(fragment.length)));
        int n = p.open(seq, ContentType.APPLICATION_DATA, TLS12, ByteBuffer.wrap(fragment), out);
        assertEquals(n, out.position());
        return Arrays.copyOf(out.array(), n);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void roundTripsEveryLengthThroughHeapAndDirectBuffers(Suite suite) {
        CbcProtection writer = suite.protection();
        CbcProtection reader = suite.protection();
        for (int length : new int[] {0, 1, 15, 16, 17, 31, 32, 33, 255, 1000, RecordLimits.MAX_PLAINTEXT}) {
            for (boolean direct : new boolean[] {false, true}) {
                String what = length + " bytes, direct=" + direct;
                byte[] plaintext = pattern(length, length);
                ByteBuffer out = buffer(direct, writer.protectedLength(length));
                int n = writer.seal(length, ContentType.HANDSHAKE, TLS12, bufferOf(direct, plaintext), out);
                assertEquals(writer.protectedLength(length), n, what);
                assertFalse(out.hasRemaining(), what);
                assertTrue(n <= length + writer.maxExpansion(), what);
                assertTrue(n <= RecordLimits.MAX_CIPHERTEXT, what);
                assertTrue(reader.maxPlaintextLength(n) >= length, what);
                out.flip();
                ByteBuffer back = buffer(direct, reader.maxPlaintextLength(n));
                assertEquals(length, reader.open(length, ContentType.HANDSHAKE, TLS12, out, back), what);
                back.flip();
                assertArrayEquals(plaintext, bytes(back), what);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void sealsAndOpensInPlace(Suite suite) {
        CbcProtection p = suite.protection();
        byte[] plaintext = pattern(100, 7);
        byte[] array = new byte[p.protectedLength(plaintext.length)];
        System.arraycopy(plaintext, 0, array, 0, plaintext.length);
        int n = p.seal(SEQ, ContentType.APPLICATION_DATA, TLS12, ByteBuffer.wrap(array, 0, plaintext.length),
                ByteBuffer.wrap(array));
        assertArrayEquals(plaintext, suite.bcOpen(SEQ, Arrays.copyOf(array, n)));
        int m = p.open(SEQ, ContentType.APPLICATION_DATA, TLS12, ByteBuffer.wrap(array, 0, n), ByteBuffer.wrap(array));
        assertArrayEquals(plaintext, Arrays.copyOf(array, m));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void bouncyCastleOpensOurRecords(Suite suite) {
        CbcProtection p = suite.protection();
        for (int length : new int[] {0, 1, 16, 47, 1000, RecordLimits.MAX_PLAINTEXT}) {
            byte[] plaintext = pattern(length, 5);
            assertArrayEquals(plaintext, suite.bcOpen(SEQ + length, seal(p, SEQ + length, plaintext)),
                    length + " bytes");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void opensRecordsBouncyCastleBuiltWithMinimalAndLongPadding(Suite suite) {
        CbcProtection p = suite.protection();
        for (int length : new int[] {0, 1, 16, 47, 1000, RecordLimits.MAX_PLAINTEXT}) {
            byte[] plaintext = pattern(length, 6);
            int minimal = suite.minimalPaddingFor(length);
            // Any padding up to 255 bytes that keeps whole blocks is legal (RFC 5246 §6.2.3.2).
            for (int padding : new int[] {minimal, minimal + 16, minimal + 16 * ((255 - minimal) / 16)}) {
                byte[] fragment = suite.bcRecord(SEQ, plaintext, padding);
                assertArrayEquals(plaintext, open(p, SEQ, fragment), length + " bytes, padding " + padding);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void rejectsEveryFlippedBitWithOneError(Suite suite) {
        CbcProtection p = suite.protection();
        byte[] plaintext = pattern(37, 8);
        byte[] fragment = seal(p, SEQ, plaintext);
        // IV, ciphertext, MAC and padding: every byte, low and high bit.
        for (int i = 0; i < fragment.length; i++) {
            for (int bit = 0; bit < 8; bit += 7) {
                byte[] tampered = fragment.clone();
                tampered[i] ^= (byte) (1 << bit);
                assertAuthenticationFails(() -> open(p, SEQ, tampered), "bit " + bit + " of byte " + i);
            }
        }
        assertArrayEquals(plaintext, open(p, SEQ, fragment));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void rejectsAWrongSequenceNumberTypeOrVersion(Suite suite) {
        CbcProtection p = suite.protection();
        byte[] fragment = seal(p, SEQ, pattern(20, 9));
        assertAuthenticationFails(() -> open(p, SEQ + 1, fragment), "sequence number");
        assertAuthenticationFails(() -> p.open(SEQ, ContentType.HANDSHAKE, TLS12, ByteBuffer.wrap(fragment),
                ByteBuffer.allocate(fragment.length)), "type");
        assertAuthenticationFails(() -> p.open(SEQ, ContentType.APPLICATION_DATA, 0x0302,
                ByteBuffer.wrap(fragment), ByteBuffer.allocate(fragment.length)), "version");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void rejectsFragmentsThatAreNotWholeBlocksOrTooShort(Suite suite) {
        CbcProtection p = suite.protection();
        byte[] fragment = seal(p, SEQ, pattern(40, 10));
        for (int cut : new int[] {1, 15, 17}) {
            byte[] shorter = Arrays.copyOf(fragment, fragment.length - cut);
            assertAuthenticationFails(() -> open(p, SEQ, shorter), "cut by " + cut);
        }
        byte[] longer = Arrays.copyOf(fragment, fragment.length + 1);
        assertAuthenticationFails(() -> open(p, SEQ, longer), "one byte more");
        // Below IV + max(MAC + 1, block) (MAC-then-encrypt) or IV + block + MAC (encrypt-then-MAC).
        int minimum = suite.encryptThenMac() ? 32 + suite.macLength() : 16 + Math.max(suite.macLength() + 1, 16);
        for (int n = 0; n < minimum; n++) {
            byte[] tiny = Arrays.copyOf(fragment, n);
            assertAuthenticationFails(() -> open(p, SEQ, tiny), n + " bytes");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void opensTheShortestWellFormedRecord(Suite suite) {
        // Empty content, MAC and padding in as few whole blocks as possible.
        byte[] fragment = suite.bcRecord(SEQ, new byte[0], suite.minimalPaddingFor(0));
        assertArrayEquals(new byte[0], open(suite.protection(), SEQ, fragment));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void rejectsABadPaddingByteBehindAValidMac(Suite suite) {
        byte[] content = pattern(30, 11);
        int padding = suite.minimalPaddingFor(content.length) + 16;
        byte[] bad = BcCbcRecords.padding(padding);
        bad[bad.length / 2] ^= 1;
        byte[] fragment = buildWithPadding(suite, content, bad);
        assertAuthenticationFails(() -> open(suite.protection(), SEQ, fragment), "one padding byte off");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void rejectsPaddingLongerThanTheRecord(Suite suite) {
        byte[] content = new byte[0];
        int padding = suite.minimalPaddingFor(0);
        byte[] bad = BcCbcRecords.padding(padding);
        Arrays.fill(bad, (byte) 255);
        byte[] fragment = buildWithPadding(suite, content, bad);
        assertAuthenticationFails(() -> open(suite.protection(), SEQ, fragment), "padding_length 255");
    }

    @Test
    void rejectsPaddingThatReachesIntoTheMac() {
        Suite suite = new Suite(BulkCipher.AES_128_CBC, HashAlgorithm.SHA1, false);
        // 48-byte body, all bytes 47: valid-looking padding leaves no room for the 20-byte MAC.
        byte[] body = new byte[48];
        Arrays.fill(body, (byte) 47);
        byte[] fragment = BcCbcRecords.encrypt(suite.encKey(), IV, body);
        assertAuthenticationFails(() -> open(suite.protection(), SEQ, fragment), "padding over the MAC");
        // And one that leaves exactly the MAC, but the MAC is wrong.
        Arrays.fill(body, (byte) 27);
        byte[] fragment2 = BcCbcRecords.encrypt(suite.encKey(), IV, body);
        assertAuthenticationFails(() -> open(suite.protection(), SEQ, fragment2), "MAC of 27s");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void rejectsGoodPaddingWithAWrongMac(Suite suite) {
        byte[] content = pattern(30, 12);
        byte[] fragment = suite.bcRecord(SEQ, content, suite.minimalPaddingFor(content.length));
        if (suite.encryptThenMac()) {
            fragment[fragment.length - 1] ^= 1;
        } else {
            byte[] body = BcCbcRecords.decrypt(suite.encKey(), fragment);
            body[content.length] ^= 1;
            fragment = BcCbcRecords.encrypt(suite.encKey(), IV, body);
        }
        byte[] tampered = fragment;
        assertAuthenticationFails(() -> open(suite.protection(), SEQ, tampered), "MAC off by a bit");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void sendsAFreshIvInEveryRecord(Suite suite) {
        CbcProtection p = suite.protection();
        byte[] plaintext = pattern(10, 13);
        byte[] first = seal(p, SEQ, plaintext);
        byte[] second = seal(p, SEQ, plaintext);
        assertFalse(Arrays.equals(Arrays.copyOf(first, 16), Arrays.copyOf(second, 16)));
    }

    @Test
    void takesTheExplicitIvFromTheGivenRandom() {
        Suite suite = new Suite(BulkCipher.AES_128_CBC, HashAlgorithm.SHA256, false);
        SecureRandom pinned = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(IV, 0, bytes, 0, bytes.length);
            }
        };
        CbcProtection p = new CbcProtection(CRYPTO.cbc(suite.cipher(), suite.encKey()),
                CRYPTO.hmac(suite.hash(), suite.macKey()), false, pinned);
        byte[] content = pattern(33, 14);
        // The same bytes Bouncy Castle assembles with minimal padding: a known answer for the whole record.
        assertArrayEquals(suite.bcRecord(SEQ, content, suite.minimalPaddingFor(33)), seal(p, SEQ, content));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void lengthsAgreeWithWhatSealProduces(Suite suite) {
        CbcProtection p = suite.protection();
        assertEquals(16 + suite.macLength() + 16, p.maxExpansion());
        for (int n = 0; n <= 64; n++) {
            int length = p.protectedLength(n);
            assertEquals(0, (length - (suite.encryptThenMac() ? suite.macLength() : 0)) % 16, n + " bytes");
            assertTrue(length - n > suite.macLength() + 16, n + " bytes");
            assertTrue(p.maxPlaintextLength(length) >= n && p.maxPlaintextLength(length) < n + 16, n + " bytes");
        }
        assertTrue(p.maxPlaintextLength(0) < 0);
        assertThrows(IllegalArgumentException.class, () -> seal(p, SEQ, new byte[RecordLimits.MAX_PLAINTEXT + 1]));
    }

    @Test
    void refusesAnAeadCipher() {
        assertThrows(IllegalArgumentException.class, () -> CRYPTO.cbc(BulkCipher.AES_128_GCM, new byte[16]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void carriesRecordsThroughTheRecordWriterAndReader(Suite suite) {
        RecordWriter writer = new RecordWriter();
        RecordReader reader = new RecordReader();
        writer.install(suite.protection());
        reader.install(suite.protection());
        for (int i = 0; i < 3; i++) {
            byte[] plaintext = pattern(100 * i, i);
            ByteBuffer wire = ByteBuffer.allocate(writer.recordLength(plaintext.length));
            writer.write(ContentType.APPLICATION_DATA, ByteBuffer.wrap(plaintext), wire);
            wire.flip();
            int length = reader.recordLength(wire);
            ByteBuffer out = ByteBuffer.allocate(reader.maxPlaintextLength(length - RecordLimits.HEADER_LENGTH));
            assertEquals(plaintext.length, reader.read(wire, length, out), "record " + i);
            assertArrayEquals(plaintext, Arrays.copyOf(out.array(), out.position()), "record " + i);
        }
    }

    // Encrypt-then-MAC needs no such care: its MAC covers the ciphertext, whose length is public.
    @ParameterizedTest(name = "{0}")
    @MethodSource("macThenEncryptSuites")
    void hashesTheSameNumberOfBlocksWhateverThePaddingSays(Suite suite) {
        CompressionCountingHmac counting = new CompressionCountingHmac(CRYPTO.hmac(suite.hash(), suite.macKey()));
        CbcProtection p = new CbcProtection(CRYPTO.cbc(suite.cipher(), suite.encKey()), counting, false,
                CRYPTO.random());
        int bodyLength = 20 * 16;
        List<Long> counts = new ArrayList<>();
        for (int padding = 0; padding <= 255; padding++) {
            int contentLength = bodyLength - suite.macLength() - 1 - padding;
            byte[] content = pattern(contentLength, padding);
            byte[] good = suite.bcRecord(SEQ, content, padding);
            counting.reset();
            assertArrayEquals(content, open(p, SEQ, good), "padding " + padding);
            counts.add(counting.compressions());
            counting.reset();
            assertAuthenticationFails(() -> open(p, SEQ + 1, good), "wrong MAC, padding " + padding);
            counts.add(counting.compressions());
        }
        byte[] body = pattern(bodyLength, 3);
        body[bodyLength - 1] = 100;
        byte[] badPadding = BcCbcRecords.encrypt(suite.encKey(), IV, body);
        counting.reset();
        assertAuthenticationFails(() -> open(p, SEQ, badPadding), "bad padding");
        counts.add(counting.compressions());
        assertEquals(1, counts.stream().distinct().count(), "compression calls per open: " + counts);
    }

    /** A record with a valid MAC but the given padding bytes (which may be invalid). */
    private static byte[] buildWithPadding(Suite suite, byte[] content, byte[] padding) {
        if (suite.encryptThenMac()) {
            byte[] c = BcCbcRecords.encrypt(suite.encKey(), IV, concat(content, padding));
            return concat(c, BcCbcRecords.mac(suite.hash(), suite.macKey(), SEQ, APPLICATION_DATA, c));
        }
        byte[] mac = BcCbcRecords.mac(suite.hash(), suite.macKey(), SEQ, APPLICATION_DATA, content);
        return BcCbcRecords.encrypt(suite.encKey(), IV, concat(content, mac, padding));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void leavesNoPlaintextInItsScratchBufferAfterARecord(Suite suite) {
        CbcProtection writer = suite.protection();
        CbcProtection reader = suite.protection();
        byte[] plaintext = pattern(1000, 7);
        byte[] record = seal(writer, SEQ, plaintext);
        assertAllZero(writer.scratchBuffer(), "after seal");
        assertArrayEquals(plaintext, open(reader, SEQ, record));
        assertAllZero(reader.scratchBuffer(), "after open");
        byte[] tampered = seal(writer, SEQ + 1, plaintext);
        tampered[tampered.length - 1] ^= 1;
        assertAuthenticationFails(() -> open(reader, SEQ + 1, tampered), "tampered");
        assertAllZero(reader.scratchBuffer(), "after a record that fails authentication");
    }

    private static void assertAllZero(byte[] b, String what) {
        assertTrue(b.length > 0, what + ": the scratch buffer was used");
        assertArrayEquals(new byte[b.length], b, what);
    }
}
