package dev.xtls.crypto.jca;

import dev.xtls.crypto.BulkCipher;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.TlsException;
import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * A record cipher that is its own RAW JCA {@link SecretKey}, as a SecretKeySpec would be: an idle connection pays
 * for no key wrapper, and {@link #destroy} wipes the only copy of the key this object holds.
 */
abstract class RecordKey implements SecretKey {
    final BulkCipher cipher;
    private final byte[] key;
    private boolean destroyed;

    RecordKey(BulkCipher cipher, byte[] key) {
        if (key.length != cipher.keyLength()) {
            throw new IllegalArgumentException(cipher + " needs a " + cipher.keyLength() + "-byte key, got "
                    + key.length);
        }
        this.cipher = cipher;
        this.key = key.clone();
    }

    @Override
    public String getAlgorithm() {
        return cipher == BulkCipher.CHACHA20_POLY1305 ? "ChaCha20" : "AES";
    }

    @Override
    public String getFormat() {
        return "RAW";
    }

    /** A copy of the key for the JCA, as SecretKeySpec gives one. */
    @Override
    public byte[] getEncoded() {
        return key.clone();
    }

    /** Wipes the key; records fail with internal_error afterwards. */
    @Override
    public void destroy() {
        Arrays.fill(key, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    /** Before each record: a destroyed key protects nothing more. */
    void requireNotDestroyed() {
        if (destroyed) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR, cipher + " key was destroyed: the connection"
                    + " direction it protected is closed");
        }
    }
}
