package dev.xtls.keys;

import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.Secret;
import dev.xtls.crypto.TlsCrypto;
import java.util.Arrays;
import java.util.Optional;
import javax.security.auth.Destroyable;

/**
 * RFC 5705 §4: PRF(master_secret, label, client_random + server_random [+ context_value_length + context_value])
 * [length], with the session's PRF hash. Only for sessions with the extended master secret: RFC 7627 §5.4 says a
 * master secret that is not bound to its handshake MUST NOT be exported from. Keeps its own copy of the master
 * secret, with the randoms in the same array (one object per connection); destroy it with the connection.
 * Thread-safe.
 */
public final class Tls12Exporter implements KeyingMaterialExporter, Destroyable {
    /** The PRF itself has no limit; this bounds the work one call can ask for. */
    static final int MAX_LENGTH = 0xFFFF;
    private static final int RANDOMS_LENGTH = 64;

    private final TlsCrypto crypto;
    private final HashAlgorithm prfHash;
    private final byte[] secretAndRandoms; // master_secret || client_random || server_random
    private boolean destroyed;

    private Tls12Exporter(TlsCrypto crypto, HashAlgorithm prfHash, byte[] secretAndRandoms) {
        this.crypto = crypto;
        this.prfHash = prfHash;
        this.secretAndRandoms = secretAndRandoms;
    }

    /**
     * The exporter of a session; empty when its master secret is not an extended master secret (RFC 7627 §5.4) or
     * was destroyed. Copies the master secret and the randoms.
     */
    public static Optional<Tls12Exporter> of(TlsCrypto crypto, HashAlgorithm prfHash, Secret masterSecret,
            boolean extendedMasterSecret, byte[] clientRandom, byte[] serverRandom) {
        if (clientRandom.length != 32 || serverRandom.length != 32) {
            throw new IllegalArgumentException("TLS randoms are 32 bytes, got " + clientRandom.length + " and "
                    + serverRandom.length);
        }
        if (!extendedMasterSecret) {
            return Optional.empty();
        }
        return masterSecret.copy().map(copy -> {
            byte[] master = copy.reveal();
            copy.destroy();
            byte[] all = Arrays.copyOf(master, master.length + RANDOMS_LENGTH);
            Arrays.fill(master, (byte) 0);
            System.arraycopy(clientRandom, 0, all, all.length - RANDOMS_LENGTH, 32);
            System.arraycopy(serverRandom, 0, all, all.length - 32, 32);
            return new Tls12Exporter(crypto, prfHash, all);
        });
    }

    @Override
    public byte[] export(String label, byte[] context, int length) {
        ExporterLabel.check(label);
        ExporterLabel.checkContext(context);
        ExporterLabel.checkLength(length, MAX_LENGTH);
        int masterLength = secretAndRandoms.length - RANDOMS_LENGTH;
        byte[] seed = new byte[RANDOMS_LENGTH + (context == null ? 0 : 2 + context.length)];
        if (context != null) {
            seed[RANDOMS_LENGTH] = (byte) (context.length >>> 8);
            seed[RANDOMS_LENGTH + 1] = (byte) context.length;
            System.arraycopy(context, 0, seed, RANDOMS_LENGTH + 2, context.length);
        }
        byte[] secret;
        synchronized (this) {
            if (destroyed) {
                throw new IllegalStateException("secret was destroyed");
            }
            secret = Arrays.copyOf(secretAndRandoms, masterLength);
            System.arraycopy(secretAndRandoms, masterLength, seed, 0, RANDOMS_LENGTH);
        }
        try {
            return Tls12Prf.prf(crypto, prfHash, secret, label, seed, length);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** Wipes the master secret (the randoms are public). */
    @Override
    public synchronized void destroy() {
        Arrays.fill(secretAndRandoms, 0, secretAndRandoms.length - RANDOMS_LENGTH, (byte) 0);
        destroyed = true;
    }

    @Override
    public synchronized boolean isDestroyed() {
        return destroyed;
    }
}
