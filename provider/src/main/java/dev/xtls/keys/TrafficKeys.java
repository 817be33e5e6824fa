package dev.xtls.keys;

import dev.xtls.crypto.Secret;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * One direction's TLS 1.3 record keys from a traffic secret (RFC 8446 §7.3): the AEAD write key and the 12-byte
 * write IV that each record's sequence number is XORed into (§5.3). Destroy it once the record layer has its keys.
 */
public record TrafficKeys(Secret key, byte[] iv) implements Destroyable {

    public TrafficKeys {
        iv = iv.clone();
    }

    /** A copy. */
    @Override
    public byte[] iv() {
        return iv.clone();
    }

    @Override
    public void destroy() {
        key.destroy();
        Arrays.fill(iv, (byte) 0);
    }

    @Override
    public boolean isDestroyed() {
        return key.isDestroyed();
    }

    @Override
    public String toString() {
        return "TrafficKeys(key " + key.length() + ", iv " + iv.length + " bytes)";
    }
}
