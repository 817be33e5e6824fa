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
 * secret; destroy it with the connection. Thread-safe.
 */
public final class Tls12Exporter implements KeyingMaterialExporter, Destroyable {
    /** The PRF itself has no limit; this bounds the work one call can ask for. */
    static final int MAX_LENGTH = 0xFFFF;

    private final TlsCrypto crypto;
    private final HashAlgorithm prfHash;
    private final Secret masterSecret;
    private final byte[] randoms;

    private Tls12Exporter(TlsCrypto crypto, HashAlgorithm prfHash, Secret masterSecret, byte[] randoms) {
        this.crypto = crypto;
        this.prfHash = prfHash;
        this.masterSecret = masterSecret;
        this.randoms = randoms;
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
        byte[] randoms = Arrays.copyOf(clientRandom, 64);
        System.arraycopy(serverRandom, 0, randoms, 32, 32);
        return masterSecret.copy().map(copy -> new Tls12Exporter(crypto, prfHash, copy, randoms));
    }

    @Override
    public byte[] export(String label, byte[] context, int length) {
        ExporterLabel.check(label);
        ExporterLabel.checkContext(context);
        ExporterLabel.checkLength(length, MAX_LENGTH);
        byte[] seed;
        if (context == null) {
            seed = randoms.clone();
        } else {
            seed = Arrays.copyOf(randoms, randoms.length + 2 + context.length);
            seed[randoms.length] = (byte) (context.length >>> 8);
            seed[randoms.length + 1] = (byte) context.length;
            System.arraycopy(context, 0, seed, randoms.length + 2, context.length);
        }
        byte[] secret = masterSecret.reveal();
        try {
            return Tls12Prf.prf(crypto, prfHash, secret, label, seed, length);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    @Override
    public void destroy() {
        masterSecret.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return masterSecret.isDestroyed();
    }
}
