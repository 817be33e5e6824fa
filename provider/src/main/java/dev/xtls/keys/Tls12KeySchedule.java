package dev.xtls.keys;

import dev.xtls.crypto.BulkCipher;
import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.Secret;
import dev.xtls.crypto.TlsCrypto;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * TLS 1.2 secrets derived with {@link Tls12Prf}: master secret (RFC 5246 §8.1), extended master secret
 * (RFC 7627 §4), key block (RFC 5246 §6.3) and Finished verify_data (RFC 5246 §7.4.9). {@code hash} is the
 * cipher suite's PRF hash.
 */
public final class Tls12KeySchedule {
    public static final int MASTER_SECRET_LENGTH = 48;
    public static final int VERIFY_DATA_LENGTH = 12;
    private static final int RANDOM_LENGTH = 32;

    private Tls12KeySchedule() {
    }

    /** master_secret = PRF(pre_master_secret, "master secret", ClientHello.random + ServerHello.random)[0..47]. */
    public static Secret masterSecret(TlsCrypto crypto, HashAlgorithm hash, Secret premaster, byte[] clientRandom,
            byte[] serverRandom) {
        return derive(crypto, hash, premaster, "master secret", concat(checkRandom(clientRandom, "client"),
                checkRandom(serverRandom, "server")), MASTER_SECRET_LENGTH);
    }

    /** RFC 7627 §4: master_secret = PRF(pre_master_secret, "extended master secret", session_hash)[0..47]. */
    public static Secret extendedMasterSecret(TlsCrypto crypto, HashAlgorithm hash, Secret premaster,
            byte[] sessionHash) {
        return derive(crypto, hash, premaster, "extended master secret", sessionHash, MASTER_SECRET_LENGTH);
    }

    /** key_block = PRF(master_secret, "key expansion", server_random + client_random): server first. */
    public static KeyBlock keyBlock(TlsCrypto crypto, HashAlgorithm hash, Secret master, byte[] clientRandom,
            byte[] serverRandom, int macKeyLength, int encKeyLength, int fixedIvLength) {
        if (macKeyLength < 0 || encKeyLength < 0 || fixedIvLength < 0) {
            throw new IllegalArgumentException("negative key block length");
        }
        byte[] seed = concat(checkRandom(serverRandom, "server"), checkRandom(clientRandom, "client"));
        int length = 2 * (macKeyLength + encKeyLength + fixedIvLength);
        byte[] secret = master.reveal();
        byte[] block = Tls12Prf.prf(crypto, hash, secret, "key expansion", seed, length);
        Arrays.fill(secret, (byte) 0);
        ByteBuffer parts = ByteBuffer.wrap(block);
        Secret clientMac = Secret.wrap(take(parts, macKeyLength));
        Secret serverMac = Secret.wrap(take(parts, macKeyLength));
        Secret clientKey = Secret.wrap(take(parts, encKeyLength));
        Secret serverKey = Secret.wrap(take(parts, encKeyLength));
        byte[] clientIv = take(parts, fixedIvLength);
        byte[] serverIv = take(parts, fixedIvLength);
        Arrays.fill(block, (byte) 0);
        KeyBlock keys = new KeyBlock(clientMac, serverMac, clientKey, serverKey, clientIv, serverIv);
        Arrays.fill(clientIv, (byte) 0);
        Arrays.fill(serverIv, (byte) 0);
        return keys;
    }

    /** The key block of an AEAD suite: no MAC keys, the cipher's key and fixed IV lengths. */
    public static KeyBlock keyBlock(TlsCrypto crypto, HashAlgorithm hash, Secret master, byte[] clientRandom,
            byte[] serverRandom, BulkCipher cipher) {
        return keyBlock(crypto, hash, master, clientRandom, serverRandom, 0, cipher.keyLength(),
                cipher.fixedIvLength());
    }

    /** PRF(master_secret, "client finished" or "server finished", Hash(handshake_messages))[0..11]. */
    public static byte[] verifyData(TlsCrypto crypto, HashAlgorithm hash, Secret master, boolean fromClient,
            byte[] handshakeHash) {
        byte[] secret = master.reveal();
        try {
            return Tls12Prf.prf(crypto, hash, secret, fromClient ? "client finished" : "server finished",
                    handshakeHash, VERIFY_DATA_LENGTH);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static Secret derive(TlsCrypto crypto, HashAlgorithm hash, Secret from, String label, byte[] seed,
            int length) {
        byte[] secret = from.reveal();
        try {
            return Secret.wrap(Tls12Prf.prf(crypto, hash, secret, label, seed, length));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static byte[] checkRandom(byte[] random, String side) {
        if (random.length != RANDOM_LENGTH) {
            throw new IllegalArgumentException(side + " random must be 32 bytes, got " + random.length);
        }
        return random;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] take(ByteBuffer block, int length) {
        byte[] part = new byte[length];
        block.get(part);
        return part;
    }
}
