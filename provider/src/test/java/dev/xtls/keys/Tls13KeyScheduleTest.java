package dev.xtls.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.crypto.BulkCipher;
import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.Secret;
import dev.xtls.crypto.jca.JcaTlsCrypto;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * What RFC 8448 has no vector for: the KeyUpdate derivation (RFC 8446 §7.2) and the SHA-384 suites, checked
 * against HKDF written here over javax.crypto.Mac; and the inputs the schedule refuses.
 */
class Tls13KeyScheduleTest {
    private final JcaTlsCrypto crypto = new JcaTlsCrypto(new SecureRandom());
    private final Tls13KeySchedule sha256 = new Tls13KeySchedule(crypto, HashAlgorithm.SHA256);
    private final Tls13KeySchedule sha384 = new Tls13KeySchedule(crypto, HashAlgorithm.SHA384);

    /** HKDF-Expand-Label of RFC 8446 §7.1, from RFC 5869 §2.3 over javax.crypto.Mac. */
    private static byte[] expandLabel(String mac, byte[] secret, String label, byte[] context, int length)
            throws GeneralSecurityException {
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        byte[] fullLabel = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        info.write(length >> 8);
        info.write(length);
        info.write(fullLabel.length);
        info.writeBytes(fullLabel);
        info.write(context.length);
        info.writeBytes(context);
        Mac hmac = Mac.getInstance(mac);
        hmac.init(new SecretKeySpec(secret, mac));
        ByteArrayOutputStream okm = new ByteArrayOutputStream();
        byte[] t = new byte[0];
        for (int i = 1; okm.size() < length; i++) {
            hmac.update(t);
            hmac.update(info.toByteArray());
            hmac.update((byte) i);
            t = hmac.doFinal();
            okm.writeBytes(t);
        }
        return Arrays.copyOf(okm.toByteArray(), length);
    }

    private static byte[] extract(String mac, byte[] salt, byte[] ikm) throws GeneralSecurityException {
        Mac hmac = Mac.getInstance(mac);
        hmac.init(new SecretKeySpec(salt, mac));
        return hmac.doFinal(ikm);
    }

    @Test
    void keyUpdateDerivesTheNextApplicationTrafficSecret() throws GeneralSecurityException {
        byte[] secret0 = Rfc8448.simple().get("c_ap_traffic");
        byte[] secret1 = expandLabel("HmacSHA256", secret0, "traffic upd", new byte[0], 32);
        byte[] secret2 = expandLabel("HmacSHA256", secret1, "traffic upd", new byte[0], 32);
        Secret next = sha256.nextApplicationTrafficSecret(Secret.copyOf(secret0));
        assertArrayEquals(secret1, next.reveal());
        assertArrayEquals(secret2, sha256.nextApplicationTrafficSecret(next).reveal());
        assertFalse(Arrays.equals(secret0, secret1));
    }

    @Test
    void keyUpdateWithSha384KeepsTheHashLength() throws GeneralSecurityException {
        byte[] secret0 = new byte[48];
        Arrays.fill(secret0, (byte) 0x5a);
        assertArrayEquals(expandLabel("HmacSHA384", secret0, "traffic upd", new byte[0], 48),
                sha384.nextApplicationTrafficSecret(Secret.copyOf(secret0)).reveal());
    }

    @Test
    void sha384ScheduleAndAes256KeysMatchAnIndependentComputation() throws GeneralSecurityException {
        byte[] zeros = new byte[48];
        byte[] shared = new byte[48];
        Arrays.fill(shared, (byte) 7);
        byte[] helloHash = MessageDigest.getInstance("SHA-384").digest("hello".getBytes(StandardCharsets.US_ASCII));
        byte[] emptyHash = MessageDigest.getInstance("SHA-384").digest();

        byte[] early = extract("HmacSHA384", zeros, zeros);
        byte[] derived = expandLabel("HmacSHA384", early, "derived", emptyHash, 48);
        byte[] handshake = extract("HmacSHA384", derived, shared);
        byte[] serverHs = expandLabel("HmacSHA384", handshake, "s hs traffic", helloHash, 48);

        Secret hs = sha384.handshakeSecret(sha384.earlySecret(), Secret.copyOf(shared));
        assertArrayEquals(handshake, hs.reveal());
        Secret serverTraffic = sha384.serverHandshakeTrafficSecret(hs, helloHash);
        assertArrayEquals(serverHs, serverTraffic.reveal());
        TrafficKeys keys = sha384.trafficKeys(serverTraffic, BulkCipher.AES_256_GCM);
        assertArrayEquals(expandLabel("HmacSHA384", serverHs, "key", new byte[0], 32), keys.key().reveal());
        assertArrayEquals(expandLabel("HmacSHA384", serverHs, "iv", new byte[0], 12), keys.iv());
        byte[] finishedKey = expandLabel("HmacSHA384", serverHs, "finished", new byte[0], 48);
        Mac hmac = Mac.getInstance("HmacSHA384");
        hmac.init(new SecretKeySpec(finishedKey, "HmacSHA384"));
        assertArrayEquals(hmac.doFinal(helloHash), sha384.verifyData(serverTraffic, helloHash));
    }

    @Test
    void chachaKeysAre32BytesWithA12ByteIv() throws GeneralSecurityException {
        byte[] secret = Rfc8448.simple().get("s_ap_traffic");
        TrafficKeys keys = sha256.trafficKeys(Secret.copyOf(secret), BulkCipher.CHACHA20_POLY1305);
        assertArrayEquals(expandLabel("HmacSHA256", secret, "key", new byte[0], 32), keys.key().reveal());
        assertArrayEquals(Rfc8448.simple().get("s_ap_iv"), keys.iv());
    }

    @Test
    void refusesWhatTls13DoesNotHave() {
        assertThrows(IllegalArgumentException.class, () -> new Tls13KeySchedule(crypto, HashAlgorithm.SHA1));
        assertThrows(IllegalArgumentException.class,
                () -> sha256.trafficKeys(Secret.copyOf(new byte[32]), BulkCipher.AES_128_CBC));
        // a SHA-384 transcript hash fed to a SHA-256 schedule
        assertThrows(IllegalArgumentException.class,
                () -> sha256.clientHandshakeTrafficSecret(Secret.copyOf(new byte[32]), new byte[48]));
        assertThrows(IllegalArgumentException.class, () -> sha256.verifyData(Secret.copyOf(new byte[32]),
                new byte[20]));
    }

    @Test
    void destroyingTrafficKeysWipesThem() {
        TrafficKeys keys = sha256.trafficKeys(Secret.copyOf(new byte[32]), BulkCipher.AES_128_GCM);
        keys.destroy();
        assertTrue(keys.isDestroyed());
        assertThrows(IllegalStateException.class, () -> keys.key().reveal());
        assertArrayEquals(new byte[12], keys.iv());
    }

    @Test
    void aDestroyedInputSecretIsRefusedNotUsedAsZeros() {
        Secret gone = Secret.copyOf(new byte[32]);
        gone.destroy();
        assertThrows(IllegalStateException.class, () -> sha256.masterSecret(gone));
    }
}
