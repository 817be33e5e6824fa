package dev.xtls.crypto.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.crypto.Aead;
import dev.xtls.crypto.BulkCipher;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.TlsException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JcaAeadTest {
    private static final JcaTlsCrypto CRYPTO = new JcaTlsCrypto(new SecureRandom());

    record Vector(String source, BulkCipher cipher, byte[] key, byte[] nonce, byte[] aad, byte[] plaintext,
            byte[] sealed) {
        @Override
        public String toString() {
            return source;
        }
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static final byte[] GCM_PLAINTEXT = hex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");

    static Stream<Vector> vectors() {
        return Stream.of(
                // McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", Test Case 4.
                new Vector("GCM spec test case 4", BulkCipher.AES_128_GCM, hex("feffe9928665731c6d6a8f9467308308"),
                        hex("cafebabefacedbaddecaf888"), hex("feedfacedeadbeeffeedfacedeadbeefabaddad2"),
                        GCM_PLAINTEXT,
                        hex("42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                                + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"
                                + "5bc94fbc3221a5db94fae95ae7121a47")),
                // McGrew & Viega, GCM spec, Test Case 16 (256-bit key).
                new Vector("GCM spec test case 16", BulkCipher.AES_256_GCM,
                        hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308"),
                        hex("cafebabefacedbaddecaf888"), hex("feedfacedeadbeeffeedfacedeadbeefabaddad2"),
                        GCM_PLAINTEXT,
                        hex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                                + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
                                + "76fc6ece0f4e1768cddf8853bb2d551b")),
                // RFC 8439 §2.8.2.
                new Vector("RFC 8439 section 2.8.2", BulkCipher.CHACHA20_POLY1305,
                        hex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"),
                        hex("070000004041424344454647"), hex("50515253c0c1c2c3c4c5c6c7"),
                        ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future,"
                                + " sunscreen would be it.").getBytes(StandardCharsets.US_ASCII),
                        hex("d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
                                + "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
                                + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
                                + "3ff4def08e4b7a9de576d26586cec64b6116"
                                + "1ae10b594f09e26a7e902ecbd0600691")));
    }

    static Stream<Arguments> vectorsAndBufferKinds() {
        return vectors().flatMap(v -> Stream.of(Arguments.of(v, false), Arguments.of(v, true)));
    }

    private static ByteBuffer buffer(byte[] content, int capacity, boolean direct) {
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
        b.put(content).flip();
        return b;
    }

    private static byte[] drain(ByteBuffer b) {
        b.flip();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    @ParameterizedTest(name = "{0}, direct={1}")
    @MethodSource("vectorsAndBufferKinds")
    void sealMatchesTheKnownAnswerAndOpenRecoversThePlaintext(Vector v, boolean direct) {
        Aead aead = CRYPTO.aead(v.cipher(), v.key());
        assertEquals(v.cipher(), aead.cipher());
        ByteBuffer out = direct ? ByteBuffer.allocateDirect(v.sealed().length) : ByteBuffer.allocate(v.sealed().length);
        int n = aead.seal(v.nonce(), v.aad(), buffer(v.plaintext(), v.plaintext().length, direct), out);
        assertEquals(v.sealed().length, n);
        assertArrayEquals(v.sealed(), drain(out));

        ByteBuffer plain = direct ? ByteBuffer.allocateDirect(v.plaintext().length)
                : ByteBuffer.allocate(v.plaintext().length);
        int m = CRYPTO.aead(v.cipher(), v.key()).open(v.nonce(), v.aad(),
                buffer(v.sealed(), v.sealed().length, direct), plain);
        assertEquals(v.plaintext().length, m);
        assertArrayEquals(v.plaintext(), drain(plain));
    }

    @ParameterizedTest(name = "{0}, direct={1}")
    @MethodSource("vectorsAndBufferKinds")
    void sealsAndOpensInPlaceBehindARecordHeader(Vector v, boolean direct) {
        int header = 13;
        int total = header + v.sealed().length;
        ByteBuffer record = direct ? ByteBuffer.allocateDirect(total) : ByteBuffer.allocate(total);
        record.position(header);
        record.put(v.plaintext());

        ByteBuffer in = record.duplicate().position(header).limit(header + v.plaintext().length);
        ByteBuffer out = record.duplicate().position(header).limit(total);
        Aead aead = CRYPTO.aead(v.cipher(), v.key());
        assertEquals(v.sealed().length, aead.seal(v.nonce(), v.aad(), in, out));
        byte[] sealed = new byte[v.sealed().length];
        record.duplicate().position(header).get(sealed);
        assertArrayEquals(v.sealed(), sealed);

        ByteBuffer cin = record.duplicate().position(header).limit(total);
        ByteBuffer pout = record.duplicate().position(header).limit(total);
        assertEquals(v.plaintext().length, CRYPTO.aead(v.cipher(), v.key()).open(v.nonce(), v.aad(), cin, pout));
        byte[] opened = new byte[v.plaintext().length];
        record.duplicate().position(header).get(opened);
        assertArrayEquals(v.plaintext(), opened);
    }

    @ParameterizedTest(name = "{0}, direct={1}")
    @MethodSource("vectorsAndBufferKinds")
    void sealsAndOpensInPlaceInASlicedBuffer(Vector v, boolean direct) {
        int len = v.sealed().length;
        ByteBuffer whole = direct ? ByteBuffer.allocateDirect(len + 7) : ByteBuffer.allocate(len + 7);
        ByteBuffer slice = whole.position(7).slice();
        slice.put(v.plaintext()).flip();
        ByteBuffer out = slice.duplicate().clear();
        CRYPTO.aead(v.cipher(), v.key()).seal(v.nonce(), v.aad(), slice, out);
        ByteBuffer sealed = slice.duplicate().clear();
        assertArrayEquals(v.sealed(), drain(sealed.position(len)));
    }

    /** How a caller may hand over a record: SunJCE works on byte[]; the others go through the pool's scratch. */
    enum Kind {
        HEAP, DIRECT, READ_ONLY_HEAP, HEAP_SLICE, DIRECT_SLICE;

        /** {@code content} between position and limit, 5 bytes into the buffer (or its backing array). */
        ByteBuffer holding(byte[] content, int room) {
            ByteBuffer whole = this == DIRECT || this == DIRECT_SLICE ? ByteBuffer.allocateDirect(room + 5)
                    : ByteBuffer.allocate(room + 5);
            whole.position(5).put(content).flip().position(5);
            ByteBuffer b = this == HEAP_SLICE || this == DIRECT_SLICE ? whole.slice() : whole;
            return this == READ_ONLY_HEAP ? b.asReadOnlyBuffer() : b;
        }

        /** An empty buffer of this kind with {@code room} bytes from position 5 (a slice: array offset 5) on. */
        ByteBuffer room(int room) {
            ByteBuffer b = holding(new byte[room], room);
            return b.position(b.limit() - room);
        }
    }

    static Stream<Arguments> vectorsAndBufferPairs() {
        return vectors().flatMap(v -> Stream.of(Kind.values()).flatMap(in -> Stream.of(Kind.values())
                .filter(out -> out != Kind.READ_ONLY_HEAP).map(out -> Arguments.of(v, in, out))));
    }

    // Every kind of input and output buffer gives the heap path's bytes (the known answer), consumes all its input
    // and leaves the output just past what it wrote; also with the TLS 1.3 trailer and a 16 KiB record.
    @ParameterizedTest(name = "{0}, {1} -> {2}")
    @MethodSource("vectorsAndBufferPairs")
    void everyKindOfBufferSealsAndOpensLikeTheHeapPath(Vector v, Kind in, Kind out) {
        ByteBuffer plaintext = in.holding(v.plaintext(), v.plaintext().length);
        ByteBuffer sealed = out.room(v.sealed().length);
        assertEquals(v.sealed().length, CRYPTO.aead(v.cipher(), v.key()).seal(v.nonce(), v.aad(), plaintext, sealed));
        assertEquals(0, plaintext.remaining());
        assertArrayEquals(v.sealed(), written(sealed, v.sealed().length));

        ByteBuffer opened = out.room(v.plaintext().length);
        assertEquals(v.plaintext().length, CRYPTO.aead(v.cipher(), v.key()).open(v.nonce(), v.aad(),
                in.holding(v.sealed(), v.sealed().length), opened));
        assertArrayEquals(v.plaintext(), written(opened, v.plaintext().length));

        byte[] head = Arrays.copyOf(v.plaintext(), 20);
        byte[] tail = Arrays.copyOfRange(v.plaintext(), 20, v.plaintext().length);
        ByteBuffer split = out.room(v.sealed().length);
        byte[] nonceAndAad = Arrays.copyOf(v.nonce(), v.nonce().length + v.aad().length);
        System.arraycopy(v.aad(), 0, nonceAndAad, v.nonce().length, v.aad().length);
        CRYPTO.aead(v.cipher(), v.key()).seal(nonceAndAad, v.aad().length, in.holding(head, head.length),
                Kind.HEAP.holding(tail, tail.length), split);
        assertArrayEquals(v.sealed(), written(split, v.sealed().length));

        byte[] record = new byte[16384];
        new Random(7).nextBytes(record);
        ByteBuffer expected = ByteBuffer.allocate(record.length + 16);
        CRYPTO.aead(v.cipher(), v.key()).seal(v.nonce(), v.aad(), ByteBuffer.wrap(record), expected);
        ByteBuffer big = out.room(record.length + 16);
        CRYPTO.aead(v.cipher(), v.key()).seal(v.nonce(), v.aad(), in.holding(record, record.length), big);
        assertArrayEquals(drain(expected), written(big, record.length + 16));
    }

    /** The {@code length} bytes written into a buffer from {@link Kind#room}, which they must fill exactly. */
    private static byte[] written(ByteBuffer b, int length) {
        assertEquals(b.limit(), b.position());
        byte[] out = new byte[length];
        b.duplicate().position(b.limit() - length).get(out);
        return out;
    }

    // An output buffer too short for the record is a caller bug: internal_error, as on the heap path
    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void tooShortADirectOutputIsAnInternalError(Vector v) {
        TlsException e = assertThrows(TlsException.class, () -> CRYPTO.aead(v.cipher(), v.key()).seal(v.nonce(),
                v.aad(), Kind.DIRECT.holding(v.plaintext(), v.plaintext().length),
                ByteBuffer.allocateDirect(v.sealed().length - 1)));
        assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void tamperedTagCiphertextOrAadIsABadRecordMac(Vector v) {
        byte[] tag = v.sealed().clone();
        tag[tag.length - 1] ^= 1;
        byte[] body = v.sealed().clone();
        body[0] ^= (byte) 0x80;
        byte[] aad = v.aad().clone();
        aad[0] ^= 1;
        assertBadRecordMac(v, v.nonce(), v.aad(), tag);
        assertBadRecordMac(v, v.nonce(), v.aad(), body);
        assertBadRecordMac(v, v.nonce(), aad, v.sealed());
        byte[] nonce = v.nonce().clone();
        nonce[11] ^= 1;
        assertBadRecordMac(v, nonce, v.aad(), v.sealed());
        assertBadRecordMac(v, v.nonce(), v.aad(), Arrays.copyOf(v.sealed(), 15));
        assertBadRecordMac(v, v.nonce(), v.aad(), new byte[0]);
    }

    private static void assertBadRecordMac(Vector v, byte[] nonce, byte[] aad, byte[] sealed) {
        Aead aead = CRYPTO.aead(v.cipher(), v.key());
        TlsException e = assertThrows(TlsException.class, () -> aead.open(nonce, aad, ByteBuffer.wrap(sealed),
                ByteBuffer.allocate(sealed.length)));
        assertEquals(AlertDescription.BAD_RECORD_MAC, e.alert());
        assertEquals("record authentication failed", e.getMessage());
        TlsException direct = assertThrows(TlsException.class, () -> aead.open(nonce, aad,
                Kind.DIRECT.holding(sealed, sealed.length), ByteBuffer.allocateDirect(sealed.length)));
        assertEquals(AlertDescription.BAD_RECORD_MAC, direct.alert());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void oneInstanceSealsManyRecordsAndOpensThemAfterAFailure(Vector v) {
        Aead sealer = CRYPTO.aead(v.cipher(), v.key());
        Aead opener = CRYPTO.aead(v.cipher(), v.key());
        byte[] nonce = new byte[12];
        for (int seq = 0; seq < 5; seq++) {
            nonce[11] = (byte) seq;
            byte[] msg = ("record " + seq).getBytes(StandardCharsets.US_ASCII);
            ByteBuffer sealed = ByteBuffer.allocate(msg.length + 16);
            sealer.seal(nonce, v.aad(), ByteBuffer.wrap(msg), sealed);
            byte[] ct = drain(sealed);
            byte[] bad = ct.clone();
            bad[0] ^= 1;
            byte[] n = nonce.clone();
            assertThrows(TlsException.class, () -> opener.open(n, v.aad(), ByteBuffer.wrap(bad),
                    ByteBuffer.allocate(bad.length)));
            ByteBuffer plain = ByteBuffer.allocate(msg.length);
            opener.open(nonce, v.aad(), ByteBuffer.wrap(ct), plain);
            assertArrayEquals(msg, drain(plain));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void emptyPlaintextGivesATagOnly(Vector v) {
        Aead aead = CRYPTO.aead(v.cipher(), v.key());
        ByteBuffer out = ByteBuffer.allocate(16);
        assertEquals(16, aead.seal(v.nonce(), v.aad(), ByteBuffer.allocate(0), out));
        ByteBuffer plain = ByteBuffer.allocate(0);
        assertEquals(0, CRYPTO.aead(v.cipher(), v.key()).open(v.nonce(), v.aad(), out.flip(), plain));
    }

    // The JCA refuses to encrypt twice in a row under one key and nonce: a caller bug becomes internal_error.
    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void refusesToSealTwiceWithTheSameNonce(Vector v) {
        Aead aead = CRYPTO.aead(v.cipher(), v.key());
        aead.seal(v.nonce(), v.aad(), ByteBuffer.wrap(v.plaintext()), ByteBuffer.allocate(v.sealed().length));
        TlsException e = assertThrows(TlsException.class, () -> aead.seal(v.nonce(), v.aad(),
                ByteBuffer.wrap(v.plaintext()), ByteBuffer.allocate(v.sealed().length)));
        assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
    }

    // The Ciphers are pooled per context: one instance's record must not make the JCA refuse another's, such as
    // the peer's in the same JVM sealing under the same key and nonce (a TLS 1.2 record and its resent copy)
    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void twoInstancesWithOneKeyEachSealTheSameNonceOnce(Vector v) {
        JcaTlsCrypto shared = new JcaTlsCrypto(new SecureRandom());
        for (int i = 0; i < 2; i++) {
            ByteBuffer out = ByteBuffer.allocate(v.sealed().length);
            shared.aead(v.cipher(), v.key()).seal(v.nonce(), v.aad(), ByteBuffer.wrap(v.plaintext()), out);
            assertArrayEquals(v.sealed(), drain(out));
            ByteBuffer plain = ByteBuffer.allocate(v.plaintext().length);
            shared.aead(v.cipher(), v.key()).open(v.nonce(), v.aad(), ByteBuffer.wrap(v.sealed()), plain);
            assertArrayEquals(v.plaintext(), drain(plain));
        }
    }

    // Records of many connections on many threads share the context's Ciphers: each still gets its own key's output
    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void connectionsOnSeveralThreadsShareTheContextsCiphers(Vector v) throws Exception {
        JcaTlsCrypto shared = new JcaTlsCrypto(new SecureRandom());
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                byte[] key = v.key().clone();
                key[0] ^= (byte) t;
                runs.add(pool.submit(() -> {
                    Aead sealer = shared.aead(v.cipher(), key);
                    Aead opener = shared.aead(v.cipher(), key);
                    Aead reference = new JcaTlsCrypto(new SecureRandom()).aead(v.cipher(), key);
                    byte[] nonce = v.nonce().clone();
                    for (int seq = 0; seq < 500; seq++) {
                        nonce[11] = (byte) seq;
                        nonce[10] = (byte) (seq >>> 8);
                        ByteBuffer sealed = ByteBuffer.allocate(v.sealed().length);
                        sealer.seal(nonce, v.aad(), ByteBuffer.wrap(v.plaintext()), sealed);
                        ByteBuffer expected = ByteBuffer.allocate(v.sealed().length);
                        reference.seal(nonce, v.aad(), ByteBuffer.wrap(v.plaintext()), expected);
                        byte[] ct = drain(sealed);
                        assertArrayEquals(drain(expected), ct);
                        ByteBuffer plain = ByteBuffer.allocate(v.plaintext().length);
                        opener.open(nonce, v.aad(), ByteBuffer.wrap(ct), plain);
                        assertArrayEquals(v.plaintext(), drain(plain));
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsWrongKeyAndNonceLengths() {
        assertThrows(IllegalArgumentException.class, () -> CRYPTO.aead(BulkCipher.AES_128_GCM, new byte[32]));
        Aead aead = CRYPTO.aead(BulkCipher.AES_128_GCM, new byte[16]);
        assertThrows(IllegalArgumentException.class, () -> aead.seal(new byte[8], new byte[0],
                ByteBuffer.allocate(1), ByteBuffer.allocate(17)));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void aDestroyedKeyIsWipedAndRefusesEveryRecord(Vector v) {
        Aead aead = CRYPTO.aead(v.cipher(), v.key());
        aead.destroy();
        assertTrue(aead.isDestroyed());
        assertArrayEquals(new byte[v.key().length], ((JcaAead) aead).getEncoded(), "the key bytes are zero");
        ByteBuffer out = ByteBuffer.allocate(v.sealed().length);
        TlsException e = assertThrows(TlsException.class,
                () -> aead.seal(v.nonce(), v.aad(), ByteBuffer.wrap(v.plaintext()), out));
        assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
        e = assertThrows(TlsException.class, () -> aead.open(v.nonce(), v.aad(), ByteBuffer.wrap(v.sealed()),
                ByteBuffer.allocate(v.plaintext().length)));
        assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
    }
}
