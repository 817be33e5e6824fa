package dev.xtls.keys;

import dev.xtls.crypto.Secret;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * The key block partitioned as RFC 5246 §6.3 lists it. MAC and write keys are {@link Secret}s (empty for AEAD
 * MAC keys); the fixed IVs are plain copies because they become per-record nonce material the record layer keeps
 * (RFC 5288 §3 salt, RFC 7905 §2 IV). Destroy it once the record layer has taken its keys.
 */
public record KeyBlock(Secret clientMacKey, Secret serverMacKey, Secret clientWriteKey, Secret serverWriteKey,
        byte[] clientFixedIv, byte[] serverFixedIv) implements Destroyable {

    public KeyBlock {
        clientFixedIv = clientFixedIv.clone();
        serverFixedIv = serverFixedIv.clone();
    }

    /** A copy. */
    @Override
    public byte[] clientFixedIv() {
        return clientFixedIv.clone();
    }

    /** A copy. */
    @Override
    public byte[] serverFixedIv() {
        return serverFixedIv.clone();
    }

    @Override
    public void destroy() {
        clientMacKey.destroy();
        serverMacKey.destroy();
        clientWriteKey.destroy();
        serverWriteKey.destroy();
        Arrays.fill(clientFixedIv, (byte) 0);
        Arrays.fill(serverFixedIv, (byte) 0);
    }

    @Override
    public boolean isDestroyed() {
        return clientWriteKey.isDestroyed();
    }

    @Override
    public String toString() {
        return "KeyBlock(mac " + clientMacKey.length() + ", key " + clientWriteKey.length() + ", iv "
                + clientFixedIv.length + " bytes per side)";
    }
}
