package dev.xtls.session;

import dev.xtls.crypto.Aead;
import dev.xtls.crypto.BulkCipher;
import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.Secret;
import dev.xtls.crypto.TlsCrypto;
import dev.xtls.keys.Hkdf;
import dev.xtls.wire.Bytes;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import javax.security.auth.Destroyable;

/**
 * One ticket key: a 16-byte key name, sent in clear at the start of every ticket (RFC 5077 §4), and the
 * AES-256-GCM key that seals the ticket. Destroyed when its ring retires it; a destroyed key seals and opens
 * nothing.
 */
public final class SessionTicketKey implements Destroyable {
    public static final int NAME_LENGTH = 16;
    /** nginx/HAProxy key file entries: name(16) + 64 secret bytes, or the older name(16) + 32 secret bytes. */
    public static final int FILE_KEY_LENGTH = 80;
    public static final int OLD_FILE_KEY_LENGTH = 48;
    static final BulkCipher CIPHER = BulkCipher.AES_256_GCM;
    // HKDF info: a label of our own, so the AEAD key is never a key nginx/HAProxy use with AES-CBC/HMAC.
    private static final byte[] AEAD_KEY_INFO = "xtls ticket aead".getBytes(StandardCharsets.US_ASCII);

    private final Bytes name;
    private final Secret aeadKey;

    private SessionTicketKey(Bytes name, Secret aeadKey) {
        this.name = name;
        this.aeadKey = aeadKey;
    }

    /** A fresh random key, as a context's default ring makes on each rotation. */
    public static SessionTicketKey random(SecureRandom random) {
        byte[] name = new byte[NAME_LENGTH];
        byte[] key = new byte[CIPHER.keyLength()];
        random.nextBytes(name);
        random.nextBytes(key);
        return new SessionTicketKey(Bytes.wrap(name), Secret.wrap(key));
    }

    /**
     * One key of an nginx/HAProxy key file ({@code openssl rand 80}): the first 16 bytes are the name; the AEAD key
     * is HKDF-SHA256 (RFC 5869, no salt, info "xtls ticket aead") of all the secret bytes after it, so it does not
     * depend on how nginx (HMAC then AES key) or HAProxy (AES then HMAC key) split them.
     */
    public static SessionTicketKey fromKeyFileEntry(byte[] entry, TlsCrypto crypto) {
        if (entry.length != FILE_KEY_LENGTH && entry.length != OLD_FILE_KEY_LENGTH) {
            throw new IllegalArgumentException("a ticket key is " + FILE_KEY_LENGTH + " or " + OLD_FILE_KEY_LENGTH
                    + " bytes, got " + entry.length);
        }
        byte[] secret = Arrays.copyOfRange(entry, NAME_LENGTH, entry.length);
        byte[] prk = Hkdf.extract(crypto, HashAlgorithm.SHA256, new byte[0], secret);
        try {
            byte[] key = Hkdf.expand(crypto, HashAlgorithm.SHA256, prk, AEAD_KEY_INFO, CIPHER.keyLength());
            return new SessionTicketKey(Bytes.of(Arrays.copyOf(entry, NAME_LENGTH)), Secret.wrap(key));
        } finally {
            Arrays.fill(secret, (byte) 0);
            Arrays.fill(prk, (byte) 0);
        }
    }

    public Bytes name() {
        return name;
    }

    /** A new AES-256-GCM instance under this key (not thread-safe, so one per use); empty once destroyed. */
    Optional<Aead> newAead(TlsCrypto crypto) {
        byte[] key;
        synchronized (this) { // only the copy: the cipher is made outside, so connections do not queue on a key
            if (aeadKey.isDestroyed()) {
                return Optional.empty();
            }
            key = aeadKey.reveal();
        }
        try {
            return Optional.of(crypto.aead(CIPHER, key));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The same name and key material (constant-time on the key), so a reload can keep this object. */
    boolean sameAs(SessionTicketKey other) {
        if (!name.equals(other.name)) {
            return false;
        }
        byte[] mine;
        synchronized (this) { // released before locking other: two keys never wait on each other
            if (aeadKey.isDestroyed()) {
                return false;
            }
            mine = aeadKey.reveal();
        }
        try {
            return other.holdsKey(mine);
        } finally {
            Arrays.fill(mine, (byte) 0);
        }
    }

    private synchronized boolean holdsKey(byte[] key) {
        return aeadKey.sameAs(key);
    }

    @Override
    public synchronized void destroy() {
        aeadKey.destroy();
    }

    @Override
    public synchronized boolean isDestroyed() {
        return aeadKey.isDestroyed();
    }

    @Override
    public String toString() {
        return "SessionTicketKey(" + name.toHex() + (isDestroyed() ? ", destroyed)" : ")");
    }
}
