package dev.xtls.record.bench;

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

/**
 * Lucky13 check (RFC 7457 §2.10), not a test: times {@link CbcProtection#open} in MAC-then-encrypt mode on a
 * 16 KiB record whose padding is good (255 bytes, the shortest MACed content) but whose MAC is wrong, against
 * the same length record whose padding is bad. Both must fail alike and take the same time; a 512-byte record,
 * where the four compression calls a naive check would save weigh most, is timed too. Plain
 * {@code main}, no JMH: warm-up, then interleaved runs, median nanoseconds per open. Arguments: runs, opens per
 * run (defaults 21, 2000).
 */
public final class CbcPaddingTimingBench {
    private static final int TLS12 = 0x0303;
    private static final int[] BODY_LENGTHS = {16 * 1024, 512};

    private CbcPaddingTimingBench() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        int opens = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        TlsCrypto crypto = new JcaTlsCrypto(new SecureRandom());
        System.out.printf("%-24s %6s %16s %16s %16s %9s%n", "MAC-then-encrypt", "bytes", "pad 255, bad MAC",
                "bad padding", "pad 0, bad MAC", "bad/255");
        for (int bodyLength : BODY_LENGTHS) {
            for (HashAlgorithm hash : new HashAlgorithm[] {HashAlgorithm.SHA1, HashAlgorithm.SHA256,
                    HashAlgorithm.SHA384}) {
                bench(crypto, hash, bodyLength, runs, opens);
            }
        }
    }

    private static void bench(TlsCrypto crypto, HashAlgorithm hash, int bodyLength, int runs, int opens) {
        byte[] encKey = fill(16, 1);
        byte[] macKey = fill(hash.outputLength(), 2);
        BlockCipherCbc cbc = crypto.cbc(BulkCipher.AES_128_CBC, encKey);
        CbcProtection protection = new CbcProtection(crypto.cbc(BulkCipher.AES_128_CBC, encKey),
                crypto.hmac(hash, macKey), false, crypto.random());
        Hmac mac = crypto.hmac(hash, macKey);
        byte[] goodPaddingBadMac = record(cbc, mac, bodyLength, 255, true);
        byte[] badPadding = record(cbc, mac, bodyLength, 255, false);
        byte[] zeroPaddingBadMac = record(cbc, mac, bodyLength, 0, true);
        byte[][] records = {goodPaddingBadMac, badPadding, zeroPaddingBadMac};
        ByteBuffer out = ByteBuffer.allocate(bodyLength);

        for (int i = 0; i < 10; i++) {
            for (byte[] r : records) {
                time(protection, r, out, opens);
            }
        }
        long[][] perOpen = new long[records.length][runs];
        for (int run = 0; run < runs; run++) {
            // Rotate the order so drift and turbo changes do not favour one case.
            for (int k = 0; k < records.length; k++) {
                int c = (run + k) % records.length;
                perOpen[c][run] = time(protection, records[c], out, opens) / opens;
            }
        }
        long good = median(perOpen[0]);
        long bad = median(perOpen[1]);
        long zero = median(perOpen[2]);
        System.out.printf("%-24s %6d %13d ns %13d ns %13d ns %9.4f%n", "AES_128_CBC HMAC-" + hash, 16 + bodyLength,
                good, bad, zero, (double) bad / good);
    }

    private static long time(CbcProtection protection, byte[] record, ByteBuffer out, int opens) {
        long start = System.nanoTime();
        for (int i = 0; i < opens; i++) {
            out.clear();
            try {
                protection.open(0, ContentType.APPLICATION_DATA, TLS12, ByteBuffer.wrap(record), out);
                throw new IllegalStateException("a tampered record opened");
            } catch (TlsException expected) {
                // the same bad_record_mac for both cases
            }
        }
        return System.nanoTime() - start;
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

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
