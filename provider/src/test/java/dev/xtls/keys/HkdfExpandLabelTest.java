package dev.xtls.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.Secret;
import dev.xtls.crypto.jca.JcaTlsCrypto;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The HkdfLabel struct (RFC 8446 §7.1) against the "info" values RFC 8448 §3 prints, and its limits. */
class HkdfExpandLabelTest {
    private final Rfc8448 rfc = Rfc8448.simple();
    private final JcaTlsCrypto crypto = new JcaTlsCrypto(new SecureRandom());

    @Test
    void hkdfLabelEncodingMatchesRfc8448() {
        byte[] emptyHash = Rfc8448.sha256().digest();
        assertArrayEquals(rfc.get("info_derived"), HkdfExpandLabel.hkdfLabel("derived", emptyHash, 32));
        assertArrayEquals(rfc.get("info_c_hs_traffic"), HkdfExpandLabel.hkdfLabel("c hs traffic",
                rfc.transcriptHash("client_hello", "server_hello"), 32));
        assertArrayEquals(rfc.get("info_key"), HkdfExpandLabel.hkdfLabel("key", new byte[0], 16));
        assertArrayEquals(rfc.get("info_iv"), HkdfExpandLabel.hkdfLabel("iv", new byte[0], 12));
        assertArrayEquals(rfc.get("info_finished"), HkdfExpandLabel.hkdfLabel("finished", new byte[0], 32));
        assertArrayEquals(rfc.get("info_resumption"), HkdfExpandLabel.hkdfLabel("resumption",
                rfc.get("ticket_nonce"), 32));
    }

    @Test
    void deriveSecretIsExpandLabelOverTheTranscriptHash() {
        // RFC 8448 §3 "derive secret for handshake": PRK early secret, hash of "", expanded 6f2615a1...
        Secret derived = HkdfExpandLabel.deriveSecret(crypto, HashAlgorithm.SHA256, rfc.secret("early_secret"),
                "derived", Rfc8448.sha256().digest());
        assertArrayEquals(rfc.get("derived_for_handshake"), derived.reveal());
    }

    @Test
    void rejectsWhatTheStructCannotCarry() {
        assertThrows(IllegalArgumentException.class, () -> HkdfExpandLabel.hkdfLabel("x".repeat(250), new byte[0], 32));
        assertThrows(IllegalArgumentException.class, () -> HkdfExpandLabel.hkdfLabel("", new byte[0], 32));
        assertThrows(IllegalArgumentException.class, () -> HkdfExpandLabel.hkdfLabel("key", new byte[256], 32));
        assertThrows(IllegalArgumentException.class, () -> HkdfExpandLabel.hkdfLabel("k\u00e9y", new byte[0], 32));
        assertThrows(IllegalArgumentException.class, () -> HkdfExpandLabel.hkdfLabel("key", new byte[0], 0x10000));
        assertThrows(IllegalArgumentException.class, () -> HkdfExpandLabel.deriveSecret(crypto,
                HashAlgorithm.SHA256, rfc.secret("early_secret"), "derived", new byte[31]));
    }
}
