package dev.xtls.keys;

import dev.xtls.crypto.BulkCipher;
import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.Hmac;
import dev.xtls.crypto.Secret;
import dev.xtls.crypto.TlsCrypto;
import java.util.Arrays;

/**
 * The TLS 1.3 key schedule (RFC 8446 §7.1) for one cipher suite's hash: each method is one arrow of the §7.1
 * diagram. Inputs and outputs are {@link Secret}s the caller destroys; transcript hashes are the hash of the
 * handshake messages so far (with ClientHello1 replaced by {@link MessageHash} after a HelloRetryRequest).
 * Immutable and thread-safe.
 */
public final class Tls13KeySchedule {
    /** RFC 8446 §5.3: iv_length = max(8 bytes, N_MIN) = 12 for every TLS 1.3 AEAD. */
    public static final int IV_LENGTH = 12;

    /** Which binder_key a PSK uses (RFC 8446 §7.1): external PSKs and resumption PSKs never share binders. */
    public enum PskKind {
        EXTERNAL("ext binder"), RESUMPTION("res binder");

        private final String label;

        PskKind(String label) {
            this.label = label;
        }
    }

    private final TlsCrypto crypto;
    private final HashAlgorithm hash;

    public Tls13KeySchedule(TlsCrypto crypto, HashAlgorithm hash) {
        if (hash != HashAlgorithm.SHA256 && hash != HashAlgorithm.SHA384) {
            throw new IllegalArgumentException("no TLS 1.3 cipher suite uses " + hash); // RFC 8446 §B.4
        }
        this.crypto = crypto;
        this.hash = hash;
    }

    public HashAlgorithm hash() {
        return hash;
    }

    /** Early Secret = HKDF-Extract(0, 0): no PSK, so IKM is Hash.length zero bytes (§7.1). */
    public Secret earlySecret() {
        return extract(new byte[hash.outputLength()], new byte[hash.outputLength()]);
    }

    /** Early Secret = HKDF-Extract(0, PSK). */
    public Secret earlySecret(Secret psk) {
        byte[] ikm = psk.reveal();
        try {
            return extract(new byte[hash.outputLength()], ikm);
        } finally {
            Arrays.fill(ikm, (byte) 0);
        }
    }

    /** binder_key = Derive-Secret(Early Secret, "ext binder" | "res binder", ""). */
    public Secret binderKey(Secret earlySecret, PskKind kind) {
        return derive(earlySecret, kind.label, emptyHash());
    }

    /** client_early_traffic_secret = Derive-Secret(Early Secret, "c e traffic", ClientHello). */
    public Secret clientEarlyTrafficSecret(Secret earlySecret, byte[] clientHelloHash) {
        return derive(earlySecret, "c e traffic", clientHelloHash);
    }

    /** early_exporter_master_secret = Derive-Secret(Early Secret, "e exp master", ClientHello). */
    public Secret earlyExporterMasterSecret(Secret earlySecret, byte[] clientHelloHash) {
        return derive(earlySecret, "e exp master", clientHelloHash);
    }

    /** Handshake Secret = HKDF-Extract(Derive-Secret(Early Secret, "derived", ""), (EC)DHE shared secret). */
    public Secret handshakeSecret(Secret earlySecret, Secret sharedSecret) {
        byte[] ikm = sharedSecret.reveal();
        try {
            return extractAfterDerived(earlySecret, ikm);
        } finally {
            Arrays.fill(ikm, (byte) 0);
        }
    }

    /** client_handshake_traffic_secret = Derive-Secret(Handshake Secret, "c hs traffic", ClientHello...ServerHello). */
    public Secret clientHandshakeTrafficSecret(Secret handshakeSecret, byte[] throughServerHelloHash) {
        return derive(handshakeSecret, "c hs traffic", throughServerHelloHash);
    }

    /** server_handshake_traffic_secret = Derive-Secret(Handshake Secret, "s hs traffic", ClientHello...ServerHello). */
    public Secret serverHandshakeTrafficSecret(Secret handshakeSecret, byte[] throughServerHelloHash) {
        return derive(handshakeSecret, "s hs traffic", throughServerHelloHash);
    }

    /** Master Secret = HKDF-Extract(Derive-Secret(Handshake Secret, "derived", ""), 0). */
    public Secret masterSecret(Secret handshakeSecret) {
        return extractAfterDerived(handshakeSecret, new byte[hash.outputLength()]);
    }

    /** client_application_traffic_secret_0 = Derive-Secret(Master Secret, "c ap traffic", CH...server Finished). */
    public Secret clientApplicationTrafficSecret(Secret masterSecret, byte[] throughServerFinishedHash) {
        return derive(masterSecret, "c ap traffic", throughServerFinishedHash);
    }

    /** server_application_traffic_secret_0 = Derive-Secret(Master Secret, "s ap traffic", CH...server Finished). */
    public Secret serverApplicationTrafficSecret(Secret masterSecret, byte[] throughServerFinishedHash) {
        return derive(masterSecret, "s ap traffic", throughServerFinishedHash);
    }

    /** exporter_master_secret = Derive-Secret(Master Secret, "exp master", ClientHello...server Finished). */
    public Secret exporterMasterSecret(Secret masterSecret, byte[] throughServerFinishedHash) {
        return derive(masterSecret, "exp master", throughServerFinishedHash);
    }

    /** resumption_master_secret = Derive-Secret(Master Secret, "res master", ClientHello...client Finished). */
    public Secret resumptionMasterSecret(Secret masterSecret, byte[] throughClientFinishedHash) {
        return derive(masterSecret, "res master", throughClientFinishedHash);
    }

    /** §4.6.1: PSK = HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length). */
    public Secret resumptionPsk(Secret resumptionMasterSecret, byte[] ticketNonce) {
        return HkdfExpandLabel.expand(crypto, hash, resumptionMasterSecret, "resumption", ticketNonce,
                hash.outputLength());
    }

    /** §7.2 KeyUpdate: traffic_secret_N+1 = HKDF-Expand-Label(secret_N, "traffic upd", "", Hash.length). */
    public Secret nextApplicationTrafficSecret(Secret applicationTrafficSecret) {
        return HkdfExpandLabel.expand(crypto, hash, applicationTrafficSecret, "traffic upd", new byte[0],
                hash.outputLength());
    }

    /** §7.3: write_key = HKDF-Expand-Label(Secret, "key", "", key_length), write_iv = ...("iv", "", iv_length). */
    public TrafficKeys trafficKeys(Secret trafficSecret, BulkCipher cipher) {
        if (!cipher.isAead()) {
            throw new IllegalArgumentException("TLS 1.3 protects records with an AEAD only, not " + cipher);
        }
        Secret key = HkdfExpandLabel.expand(crypto, hash, trafficSecret, "key", new byte[0], cipher.keyLength());
        Secret iv = HkdfExpandLabel.expand(crypto, hash, trafficSecret, "iv", new byte[0], IV_LENGTH);
        byte[] ivBytes = iv.reveal();
        iv.destroy();
        TrafficKeys keys = new TrafficKeys(key, ivBytes);
        Arrays.fill(ivBytes, (byte) 0);
        return keys;
    }

    /** §4.4.4: finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length). */
    public Secret finishedKey(Secret baseKey) {
        return HkdfExpandLabel.expand(crypto, hash, baseKey, "finished", new byte[0], hash.outputLength());
    }

    /**
     * §4.4.4: verify_data = HMAC(finished_key, Transcript-Hash(Handshake Context, Certificate*, CertificateVerify*)).
     * BaseKey is the sender's handshake traffic secret (or application traffic secret for post-handshake
     * authentication). Compare a received value with {@link java.security.MessageDigest#isEqual}.
     */
    public byte[] verifyData(Secret baseKey, byte[] transcriptHash) {
        checkHash(transcriptHash);
        Secret finishedKey = finishedKey(baseKey);
        byte[] key = finishedKey.reveal();
        finishedKey.destroy();
        try (Hmac hmac = crypto.hmac(hash, key)) {
            hmac.update(transcriptHash);
            return hmac.doFinal();
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** §4.2.11.2: a PSK binder is computed as a Finished with binder_key as BaseKey over the truncated ClientHello. */
    public byte[] binder(Secret binderKey, byte[] truncatedClientHelloHash) {
        return verifyData(binderKey, truncatedClientHelloHash);
    }

    /** Hash of the empty string: the Messages of Derive-Secret(., "derived" | binder label, ""). */
    byte[] emptyHash() {
        return crypto.newTranscriptHash(hash).current();
    }

    private Secret derive(Secret secret, String label, byte[] transcriptHash) {
        return HkdfExpandLabel.deriveSecret(crypto, hash, secret, label, transcriptHash);
    }

    private Secret extractAfterDerived(Secret previous, byte[] ikm) {
        Secret derived = derive(previous, "derived", emptyHash());
        byte[] salt = derived.reveal();
        derived.destroy();
        try {
            return extract(salt, ikm);
        } finally {
            Arrays.fill(salt, (byte) 0);
        }
    }

    private Secret extract(byte[] salt, byte[] ikm) {
        return Secret.wrap(Hkdf.extract(crypto, hash, salt, ikm));
    }

    private void checkHash(byte[] transcriptHash) {
        if (transcriptHash.length != hash.outputLength()) {
            throw new IllegalArgumentException("a " + hash + " transcript hash is " + hash.outputLength()
                    + " bytes, got " + transcriptHash.length);
        }
    }
}
