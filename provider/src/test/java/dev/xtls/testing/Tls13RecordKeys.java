package dev.xtls.testing;

import dev.xtls.crypto.BulkCipher;
import dev.xtls.crypto.Secret;
import dev.xtls.keys.Tls13KeySchedule;
import dev.xtls.keys.TrafficKeys;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One direction's TLS_AES_128_GCM_SHA256 record keys and sequence number (RFC 8446 §5.2-5.3), sealing and
 * opening with the JDK's AES-GCM rather than Xtls's record layer: the scripted peers' half of the record layer.
 */
public final class Tls13RecordKeys {
    public static final int APPLICATION_DATA = 23;
    private static final int TAG_LENGTH = 16;
    private final SecretKeySpec key;
    private final byte[] iv;
    private long seq;

    private Tls13RecordKeys(byte[] key, byte[] iv) {
        this.key = new SecretKeySpec(key, "AES");
        this.iv = iv;
    }

    public static Tls13RecordKeys of(Tls13KeySchedule schedule, Secret trafficSecret) {
        TrafficKeys k = schedule.trafficKeys(trafficSecret, BulkCipher.AES_128_GCM);
        return new Tls13RecordKeys(k.key().reveal(), k.iv());
    }

    /** A whole protected record (header included) holding exactly {@code inner}: content, type, padding. */
    public byte[] seal(byte[] inner) {
        int length = inner.length + TAG_LENGTH;
        byte[] header = {APPLICATION_DATA, 3, 3, (byte) (length >>> 8), (byte) length};
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, header, inner);
        return ByteBuffer.allocate(5 + sealed.length).put(header).put(sealed).array();
    }

    /** The TLSInnerPlaintext of a protected record's fragment. */
    public byte[] open(byte[] fragment) {
        byte[] header = {APPLICATION_DATA, 3, 3, (byte) (fragment.length >>> 8), (byte) fragment.length};
        return crypt(Cipher.DECRYPT_MODE, header, fragment);
    }

    /**
     * The records in {@code wire} as (content type, content): plaintext ones as they are, protected ones opened
     * with these keys and their padding stripped (RFC 8446 §5.4).
     */
    public List<Content> openAll(byte[] wire) {
        List<Content> out = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(wire);
        while (in.remaining() >= 5) {
            int type = in.get() & 0xFF;
            in.getShort();
            byte[] fragment = new byte[in.getShort() & 0xFFFF];
            in.get(fragment);
            if (type != APPLICATION_DATA) {
                out.add(new Content(type, fragment));
                continue;
            }
            byte[] inner = open(fragment);
            int end = inner.length - 1;
            while (end > 0 && inner[end] == 0) {
                end--;
            }
            out.add(new Content(inner[end] & 0xFF, Arrays.copyOf(inner, end)));
        }
        return out;
    }

    /** One record's content type and content. */
    public record Content(int type, byte[] content) {
    }

    private byte[] crypt(int mode, byte[] aad, byte[] input) {
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (seq >>> (8 * i));
        }
        seq++;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            c.updateAAD(aad);
            return c.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
