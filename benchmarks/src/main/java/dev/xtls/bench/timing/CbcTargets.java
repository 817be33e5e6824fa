package dev.xtls.bench.timing;

import dev.xtls.crypto.BlockCipherCbc;
import dev.xtls.crypto.BulkCipher;
import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.Hmac;
import dev.xtls.crypto.TlsCrypto;
import dev.xtls.crypto.jca.JcaTlsCrypto;
import dev.xtls.record.CbcProtection;
import dev.xtls.wire.ContentType;
import dev.xtls.wire.TlsException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * Lucky13 (RFC 7457 §2.10): {@link CbcProtection#open} in MAC-then-encrypt mode on a record whose padding is good
 * (255 bytes, the shortest MACed content) but whose MAC is wrong, one whose padding is bad, and one with no padding
 * and a wrong MAC. All three must fail with the same bad_record_mac in the same time. A 512-byte record, where the
 * compression calls a naive check would save weigh most, is timed in batches of {@link #SMALL_BATCH} opens.
 */
final class CbcTargets {
    static final int[] BODY_LENGTHS = {16 * 1024, 512};
    static final HashAlgorithm[] HASHES = {HashAlgorithm.SHA1, HashAlgorithm.SHA256, HashAlgorithm.SHA384};
    private static final int TLS12 = 0x0303;
    private static final int SMALL_BATCH = 8;

    private CbcTargets() {
    }

    static List<InputClass> classes(HashAlgorithm hash, int bodyLength) {
        TlsCrypto crypto = new JcaTlsCrypto(new SecureRandom());
        byte[] encKey = fill(16, 1);
        byte[] macKey = fill(hash.outputLength(), 2);
        BlockCipherCbc cbc = crypto.cbc(BulkCipher.AES_128_CBC, encKey);
        CbcProtection protection = new CbcProtection(crypto.cbc(BulkCipher.AES_128_CBC, encKey),
                crypto.hmac(hash, macKey), false, crypto.random());
        Hmac mac = crypto.hmac(hash, macKey);
        ByteBuffer out = ByteBuffer.allocate(bodyLength);
        int batch = bodyLength < 4096 ? SMALL_BATCH : 1;
        return List.of(
                timed("pad-255-bad-MAC", protection, record(cbc, mac, bodyLength, 255, true), out, batch),
                timed("bad-padding", protection, record(cbc, mac, bodyLength, 255, false), out, batch),
                timed("pad-0-bad-MAC", protection, record(cbc, mac, bodyLength, 0, true), out, batch));
    }

    private static InputClass timed(String name, CbcProtection protection, byte[] record, ByteBuffer out,
            int batch) {
        return new InputClass(name, () -> {
            long start = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                out.clear();
                try {
                    protection.open(0, ContentType.APPLICATION_DATA, TLS12, ByteBuffer.wrap(record), out);
                    throw new IllegalStateException("a tampered record opened");
                } catch (TlsException expected) {
                    // the same bad_record_mac for every class
                }
            }
            return System.nanoTime() - start;
        });
    }

    /**
     * IV + AES-CBC(content + MAC + padding) of {@code bodyLength} bytes: with valid padding of {@code padding} bytes
     * and a MAC that is one bit off, or with the last byte saying {@code padding} over bytes that do not match.
     */
    private static byte[] record(BlockCipherCbc cbc, Hmac mac, int bodyLength, int padding, boolean validPadding) {
        byte[] body = fill(bodyLength, 3);
        int contentLength = bodyLength - mac.macLength() - 1 - padding;
        byte[] header = ByteBuffer.allocate(13).putLong(0).put((byte) 23).putShort((short) TLS12)
                .putShort((short) contentLength).array();
        mac.update(header);
        mac.update(body, 0, contentLength);
        mac.doFinal(body, contentLength);
        body[contentLength] ^= 1;
        Arrays.fill(body, bodyLength - 1 - padding, bodyLength, (byte) padding);
        if (!validPadding) {
            body[bodyLength - 2] ^= 1;
        }
        byte[] iv = fill(16, 4);
        byte[] record = new byte[16 + bodyLength];
        System.arraycopy(iv, 0, record, 0, 16);
        cbc.encrypt(iv, body, 0, bodyLength, record, 16);
        return record;
    }

    private static byte[] fill(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + seed);
        }
        return b;
    }
}
