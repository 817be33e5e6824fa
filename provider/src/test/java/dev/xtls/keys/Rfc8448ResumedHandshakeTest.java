package dev.xtls.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.xtls.crypto.BulkCipher;
import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.Secret;
import dev.xtls.crypto.jca.JcaTlsCrypto;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * RFC 8448 §4 (resumed 0-RTT handshake with the §3 ticket, psk_dhe_ke): the PSK from §3, the early secret with a
 * PSK, binder_key, the binder over the truncated ClientHello, the early traffic and early exporter secrets, and the
 * rest of the schedule with EndOfEarlyData in the transcript.
 */
class Rfc8448ResumedHandshakeTest {
    private final Rfc8448 rfc = Rfc8448.resumed();
    private final Tls13KeySchedule schedule = new Tls13KeySchedule(new JcaTlsCrypto(new SecureRandom()),
            HashAlgorithm.SHA256);

    private Secret earlySecret() {
        return schedule.earlySecret(rfc.secret("psk"));
    }

    private Secret masterSecret() {
        return schedule.masterSecret(schedule.handshakeSecret(earlySecret(), rfc.secret("ecdhe_shared_secret")));
    }

    @Test
    void thePskIsTheOneTheFirstConnectionsTicketYields() {
        Rfc8448 first = Rfc8448.simple();
        Secret psk = schedule.resumptionPsk(first.secret("res_master"), first.get("ticket_nonce"));
        assertArrayEquals(rfc.get("psk"), psk.reveal());
    }

    @Test
    void earlySecretFromThePsk() {
        assertArrayEquals(rfc.get("early_secret"), earlySecret().reveal());
    }

    @Test
    void binderOverTheTruncatedClientHelloIsTheOneSentInTheClientHello() {
        Secret binderKey = schedule.binderKey(earlySecret(), Tls13KeySchedule.PskKind.RESUMPTION);
        assertArrayEquals(rfc.get("binder_key"), binderKey.reveal());
        assertArrayEquals(rfc.get("binder_finished_key"), schedule.finishedKey(binderKey).reveal());
        byte[] truncatedHash = rfc.transcriptHash("truncated_client_hello");
        assertArrayEquals(rfc.get("binder_hash"), truncatedHash);
        byte[] binder = schedule.binder(binderKey, truncatedHash);
        assertArrayEquals(rfc.get("binder"), binder);
        // §4.2.11.2: the full ClientHello is the truncated one followed by the binders list holding this binder.
        byte[] clientHello = rfc.get("client_hello");
        byte[] truncated = rfc.get("truncated_client_hello");
        assertArrayEquals(truncated, Arrays.copyOf(clientHello, truncated.length));
        assertArrayEquals(binder, Arrays.copyOfRange(clientHello, clientHello.length - 32, clientHello.length));
    }

    @Test
    void externalAndResumptionBinderKeysDiffer() {
        Secret early = earlySecret();
        byte[] external = schedule.binderKey(early, Tls13KeySchedule.PskKind.EXTERNAL).reveal();
        byte[] resumption = schedule.binderKey(early, Tls13KeySchedule.PskKind.RESUMPTION).reveal();
        assertArrayEquals(rfc.get("binder_key"), resumption);
        assertFalse(Arrays.equals(external, resumption), "ext binder and res binder keys must differ");
    }

    @Test
    void earlyTrafficSecretEarlyExporterAndEarlyDataKeys() {
        byte[] clientHelloHash = rfc.transcriptHash("client_hello");
        assertArrayEquals(rfc.get("hash_ch"), clientHelloHash);
        Secret early = earlySecret();
        Secret clientEarly = schedule.clientEarlyTrafficSecret(early, clientHelloHash);
        assertArrayEquals(rfc.get("c_e_traffic"), clientEarly.reveal());
        assertArrayEquals(rfc.get("e_exp_master"), schedule.earlyExporterMasterSecret(early, clientHelloHash).reveal());
        TrafficKeys keys = schedule.trafficKeys(clientEarly, BulkCipher.AES_128_GCM);
        assertArrayEquals(rfc.get("c_e_key"), keys.key().reveal());
        assertArrayEquals(rfc.get("c_e_iv"), keys.iv());
    }

    @Test
    void handshakeSecretsAndKeys() {
        Secret hs = schedule.handshakeSecret(earlySecret(), rfc.secret("ecdhe_shared_secret"));
        assertArrayEquals(rfc.get("handshake_secret"), hs.reveal());
        byte[] helloHash = rfc.transcriptHash("client_hello", "server_hello");
        assertArrayEquals(rfc.get("hash_ch_sh"), helloHash);
        assertArrayEquals(rfc.get("c_hs_traffic"), schedule.clientHandshakeTrafficSecret(hs, helloHash).reveal());
        assertArrayEquals(rfc.get("s_hs_traffic"), schedule.serverHandshakeTrafficSecret(hs, helloHash).reveal());
        TrafficKeys server = schedule.trafficKeys(rfc.secret("s_hs_traffic"), BulkCipher.AES_128_GCM);
        assertArrayEquals(rfc.get("s_hs_key"), server.key().reveal());
        assertArrayEquals(rfc.get("s_hs_iv"), server.iv());
        TrafficKeys client = schedule.trafficKeys(rfc.secret("c_hs_traffic"), BulkCipher.AES_128_GCM);
        assertArrayEquals(rfc.get("c_hs_key"), client.key().reveal());
        assertArrayEquals(rfc.get("c_hs_iv"), client.iv());
    }

    @Test
    void finishedVerifyDataOfBothSides() {
        assertArrayEquals(rfc.get("server_verify_data"), schedule.verifyData(rfc.secret("s_hs_traffic"),
                rfc.transcriptHash("client_hello", "server_hello", "encrypted_extensions")));
        // The client's Finished covers EndOfEarlyData (RFC 8446 §4.4.1).
        assertArrayEquals(rfc.get("client_verify_data"), schedule.verifyData(rfc.secret("c_hs_traffic"),
                rfc.transcriptHash("client_hello", "server_hello", "encrypted_extensions",
                        "server_finished_message", "end_of_early_data")));
    }

    @Test
    void masterApplicationExporterAndResumptionSecrets() {
        Secret master = masterSecret();
        assertArrayEquals(rfc.get("master_secret"), master.reveal());
        byte[] throughServerFinished = rfc.transcriptHash("client_hello", "server_hello", "encrypted_extensions",
                "server_finished_message");
        assertArrayEquals(rfc.get("hash_ch_sfin"), throughServerFinished);
        assertArrayEquals(rfc.get("c_ap_traffic"),
                schedule.clientApplicationTrafficSecret(master, throughServerFinished).reveal());
        assertArrayEquals(rfc.get("s_ap_traffic"),
                schedule.serverApplicationTrafficSecret(master, throughServerFinished).reveal());
        assertArrayEquals(rfc.get("exp_master"), schedule.exporterMasterSecret(master, throughServerFinished).reveal());
        byte[] throughClientFinished = rfc.transcriptHash("client_hello", "server_hello", "encrypted_extensions",
                "server_finished_message", "end_of_early_data", "client_finished_message");
        assertArrayEquals(rfc.get("hash_ch_cfin"), throughClientFinished);
        assertArrayEquals(rfc.get("res_master"),
                schedule.resumptionMasterSecret(master, throughClientFinished).reveal());
        TrafficKeys server = schedule.trafficKeys(rfc.secret("s_ap_traffic"), BulkCipher.AES_128_GCM);
        assertArrayEquals(rfc.get("s_ap_key"), server.key().reveal());
        assertArrayEquals(rfc.get("s_ap_iv"), server.iv());
        TrafficKeys client = schedule.trafficKeys(rfc.secret("c_ap_traffic"), BulkCipher.AES_128_GCM);
        assertArrayEquals(rfc.get("c_ap_key"), client.key().reveal());
        assertArrayEquals(rfc.get("c_ap_iv"), client.iv());
    }
}
