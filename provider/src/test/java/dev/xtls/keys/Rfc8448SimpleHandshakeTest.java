package dev.xtls.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.xtls.crypto.BulkCipher;
import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.Secret;
import dev.xtls.crypto.jca.JcaTlsCrypto;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * RFC 8448 §3 (simple 1-RTT handshake, x25519, TLS_AES_128_GCM_SHA256): every secret of the key schedule, the
 * traffic keys and IVs, both Finished verify_data and the ticket's PSK, from the RFC's (EC)DHE secret and the
 * RFC's messages.
 */
class Rfc8448SimpleHandshakeTest {
    private final Rfc8448 rfc = Rfc8448.simple();
    private final Tls13KeySchedule schedule = new Tls13KeySchedule(new JcaTlsCrypto(new SecureRandom()),
            HashAlgorithm.SHA256);

    private Secret handshakeSecret() {
        return schedule.handshakeSecret(schedule.earlySecret(), rfc.secret("ecdhe_shared_secret"));
    }

    @Test
    void earlySecretWithoutPskIsTheRfcs() {
        assertArrayEquals(rfc.get("early_secret"), schedule.earlySecret().reveal());
    }

    @Test
    void transcriptHashesOfTheRfcsMessagesAreTheOnesTheRfcDerivesFrom() {
        // The test's own SHA-256 over the RFC's messages: proves the message lists used below are the right ones.
        assertArrayEquals(rfc.get("hash_ch_sh"), rfc.transcriptHash("client_hello", "server_hello"));
        assertArrayEquals(rfc.get("hash_ch_sfin"), rfc.transcriptHash("client_hello", "server_hello",
                "encrypted_extensions", "certificate", "certificate_verify", "server_finished_message"));
        assertArrayEquals(rfc.get("hash_ch_cfin"), rfc.transcriptHash("client_hello", "server_hello",
                "encrypted_extensions", "certificate", "certificate_verify", "server_finished_message",
                "client_finished_message"));
    }

    @Test
    void handshakeSecretAndHandshakeTrafficSecrets() {
        Secret hs = handshakeSecret();
        assertArrayEquals(rfc.get("handshake_secret"), hs.reveal());
        byte[] helloHash = rfc.transcriptHash("client_hello", "server_hello");
        assertArrayEquals(rfc.get("c_hs_traffic"), schedule.clientHandshakeTrafficSecret(hs, helloHash).reveal());
        assertArrayEquals(rfc.get("s_hs_traffic"), schedule.serverHandshakeTrafficSecret(hs, helloHash).reveal());
    }

    @Test
    void masterSecretAndApplicationSecrets() {
        Secret master = schedule.masterSecret(handshakeSecret());
        assertArrayEquals(rfc.get("master_secret"), master.reveal());
        byte[] throughServerFinished = rfc.transcriptHash("client_hello", "server_hello", "encrypted_extensions",
                "certificate", "certificate_verify", "server_finished_message");
        assertArrayEquals(rfc.get("c_ap_traffic"),
                schedule.clientApplicationTrafficSecret(master, throughServerFinished).reveal());
        assertArrayEquals(rfc.get("s_ap_traffic"),
                schedule.serverApplicationTrafficSecret(master, throughServerFinished).reveal());
        assertArrayEquals(rfc.get("exp_master"), schedule.exporterMasterSecret(master, throughServerFinished).reveal());
        byte[] throughClientFinished = rfc.transcriptHash("client_hello", "server_hello", "encrypted_extensions",
                "certificate", "certificate_verify", "server_finished_message", "client_finished_message");
        assertArrayEquals(rfc.get("res_master"),
                schedule.resumptionMasterSecret(master, throughClientFinished).reveal());
    }

    @Test
    void trafficKeysAndIvsOfBothDirectionsAndPhases() {
        assertKeys("s_hs_traffic", "s_hs_key", "s_hs_iv");
        assertKeys("c_hs_traffic", "c_hs_key", "c_hs_iv");
        assertKeys("s_ap_traffic", "s_ap_key", "s_ap_iv");
        assertKeys("c_ap_traffic", "c_ap_key", "c_ap_iv");
    }

    private void assertKeys(String secret, String key, String iv) {
        TrafficKeys keys = schedule.trafficKeys(rfc.secret(secret), BulkCipher.AES_128_GCM);
        assertArrayEquals(rfc.get(key), keys.key().reveal(), key);
        assertArrayEquals(rfc.get(iv), keys.iv(), iv);
    }

    @Test
    void serverAndClientFinished() {
        Secret serverHs = rfc.secret("s_hs_traffic");
        assertArrayEquals(rfc.get("server_finished_key"), schedule.finishedKey(serverHs).reveal());
        byte[] serverVerifyData = schedule.verifyData(serverHs, rfc.transcriptHash("client_hello", "server_hello",
                "encrypted_extensions", "certificate", "certificate_verify"));
        assertArrayEquals(rfc.get("server_verify_data"), serverVerifyData);
        // The Finished message the RFC sends carries exactly this verify_data after its 4-byte header.
        byte[] serverFinished = rfc.get("server_finished_message");
        assertArrayEquals(Arrays.copyOfRange(serverFinished, 4, serverFinished.length), serverVerifyData);

        Secret clientHs = rfc.secret("c_hs_traffic");
        assertArrayEquals(rfc.get("client_finished_key"), schedule.finishedKey(clientHs).reveal());
        assertArrayEquals(rfc.get("client_verify_data"), schedule.verifyData(clientHs, rfc.transcriptHash(
                "client_hello", "server_hello", "encrypted_extensions", "certificate", "certificate_verify",
                "server_finished_message")));
    }

    @Test
    void resumptionPskFromTheTicketNonce() {
        assertArrayEquals(rfc.get("resumption_psk"),
                schedule.resumptionPsk(rfc.secret("res_master"), rfc.get("ticket_nonce")).reveal());
    }
}
