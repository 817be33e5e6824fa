package dev.xtls.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.Secret;
import dev.xtls.crypto.jca.JcaTlsCrypto;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * RFC 8448 §5 (HelloRetryRequest, then P-256): the transcript starts with message_hash in place of ClientHello1
 * (RFC 8446 §4.4.1); with it every later secret and both verify_data match the RFC.
 */
class Rfc8448HelloRetryRequestTest {
    private final Rfc8448 rfc = Rfc8448.helloRetry();
    private final JcaTlsCrypto crypto = new JcaTlsCrypto(new SecureRandom());
    private final Tls13KeySchedule schedule = new Tls13KeySchedule(crypto, HashAlgorithm.SHA256);

    /** SHA-256 of message_hash(ClientHello1), then the named messages. */
    private byte[] transcriptHash(String... after) {
        MessageDigest sha256 = Rfc8448.sha256();
        sha256.update(MessageHash.replacing(crypto, HashAlgorithm.SHA256, rfc.get("client_hello1")));
        for (String m : after) {
            sha256.update(rfc.get(m));
        }
        return sha256.digest();
    }

    @Test
    void messageHashIsTheSyntheticHandshakeMessageOfRfc8446Section441() {
        byte[] message = MessageHash.replacing(crypto, HashAlgorithm.SHA256, rfc.get("client_hello1"));
        assertEquals(36, message.length);
        assertArrayEquals(new byte[] {(byte) 254, 0, 0, 32}, Arrays.copyOf(message, 4));
        assertArrayEquals(Rfc8448.sha256().digest(rfc.get("client_hello1")), Arrays.copyOfRange(message, 4, 36));
    }

    @Test
    void handshakeTrafficSecretsFollowTheMessageHashTranscript() {
        byte[] helloHash = transcriptHash("hello_retry_request", "client_hello2", "server_hello");
        assertArrayEquals(rfc.get("hash_ch_sh"), helloHash);
        assertArrayEquals(rfc.get("early_secret"), schedule.earlySecret().reveal());
        Secret hs = schedule.handshakeSecret(schedule.earlySecret(), rfc.secret("ecdhe_shared_secret"));
        assertArrayEquals(rfc.get("handshake_secret"), hs.reveal());
        assertArrayEquals(rfc.get("c_hs_traffic"), schedule.clientHandshakeTrafficSecret(hs, helloHash).reveal());
        assertArrayEquals(rfc.get("s_hs_traffic"), schedule.serverHandshakeTrafficSecret(hs, helloHash).reveal());
    }

    @Test
    void finishedApplicationAndResumptionSecrets() {
        Secret hs = schedule.handshakeSecret(schedule.earlySecret(), rfc.secret("ecdhe_shared_secret"));
        Secret master = schedule.masterSecret(hs);
        assertArrayEquals(rfc.get("master_secret"), master.reveal());
        assertArrayEquals(rfc.get("server_finished_key"), schedule.finishedKey(rfc.secret("s_hs_traffic")).reveal());
        assertArrayEquals(rfc.get("server_verify_data"), schedule.verifyData(rfc.secret("s_hs_traffic"),
                transcriptHash("hello_retry_request", "client_hello2", "server_hello", "encrypted_extensions",
                        "certificate", "certificate_verify")));
        byte[] throughServerFinished = transcriptHash("hello_retry_request", "client_hello2", "server_hello",
                "encrypted_extensions", "certificate", "certificate_verify", "server_finished_message");
        assertArrayEquals(rfc.get("hash_ch_sfin"), throughServerFinished);
        assertArrayEquals(rfc.get("client_finished_key"), schedule.finishedKey(rfc.secret("c_hs_traffic")).reveal());
        assertArrayEquals(rfc.get("client_verify_data"),
                schedule.verifyData(rfc.secret("c_hs_traffic"), throughServerFinished));
        assertArrayEquals(rfc.get("c_ap_traffic"),
                schedule.clientApplicationTrafficSecret(master, throughServerFinished).reveal());
        assertArrayEquals(rfc.get("s_ap_traffic"),
                schedule.serverApplicationTrafficSecret(master, throughServerFinished).reveal());
        assertArrayEquals(rfc.get("exp_master"), schedule.exporterMasterSecret(master, throughServerFinished).reveal());
        byte[] throughClientFinished = transcriptHash("hello_retry_request", "client_hello2", "server_hello",
                "encrypted_extensions", "certificate", "certificate_verify", "server_finished_message",
                "client_finished_message");
        assertArrayEquals(rfc.get("hash_ch_cfin"), throughClientFinished);
        assertArrayEquals(rfc.get("res_master"),
                schedule.resumptionMasterSecret(master, throughClientFinished).reveal());
    }
}
