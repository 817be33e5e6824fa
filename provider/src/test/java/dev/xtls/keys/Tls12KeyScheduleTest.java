package dev.xtls.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.crypto.BulkCipher;
import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.Secret;
import dev.xtls.crypto.TlsCrypto;
import dev.xtls.crypto.jca.JcaTlsCrypto;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Known answers from OpenSSL 3.0.19's TLS1-PRF KDF, a peer we did not write. The label is the hex prefix of each
 * hexseed. Inputs: premaster 0303 followed by (7i+11) mod 256 for i = 0..45; client random 00..1f; server random
 * ff..e0; handshake hashes are SHA-256 / SHA-384 of the ASCII string "handshake messages".
 */
class Tls12KeyScheduleTest {
    private static final Secret PREMASTER = Secret.wrap(hex(
            "03030b121920272e353c434a51585f666d747b828990979ea5acb3bac1c8cfd6dde4ebf2f900070e151c232a31383f46"));
    private static final byte[] CLIENT_RANDOM = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final byte[] SERVER_RANDOM = hex("fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0efeeedecebeae9e8e7e6e5e4e3e2e1e0");
    private static final byte[] HASH256 = hex("6e1b983f2338a681fec9331551f24072641b2c011c693e3410cd95da2d6b5458");
    private static final byte[] HASH384 = hex("75d2bed15f60516af18942cf6b2fd3b2aed381c6128041a9af684c0ee8e7f9c5"
            + "271068648aee3439e348c52332a37f0a");
    // openssl kdf -keylen 48 -kdfopt digest:SHA256 -kdfopt hexsecret:<PREMASTER>
    //   -kdfopt hexseed:6d617374657220736563726574<CLIENT_RANDOM><SERVER_RANDOM> -binary TLS1-PRF
    private static final byte[] MASTER256 = hex("468962770bcc26dff47b31d3b265b664b2ece1b19edf598263a032d42cc6cd95"
            + "5a72130ced7ee3611627e85ddb36940d");
    // openssl kdf -keylen 48 -kdfopt digest:SHA384 (otherwise as MASTER256)
    private static final byte[] MASTER384 = hex("b8db38164bfba1a99442c80a948962d69e147d3ab97aefe35698d98f17801ca4"
            + "b2a6d4125b6d79f7f33a218098e8bf03");

    private final TlsCrypto crypto = new JcaTlsCrypto(new SecureRandom());

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void masterSecretMatchesOpenSsl() {
        Secret ms = Tls12KeySchedule.masterSecret(crypto, HashAlgorithm.SHA256, PREMASTER, CLIENT_RANDOM,
                SERVER_RANDOM);
        assertArrayEquals(MASTER256, ms.reveal());
        Secret ms384 = Tls12KeySchedule.masterSecret(crypto, HashAlgorithm.SHA384, PREMASTER, CLIENT_RANDOM,
                SERVER_RANDOM);
        assertArrayEquals(MASTER384, ms384.reveal());
    }

    // openssl kdf -keylen 48 -kdfopt digest:SHA384 -kdfopt hexsecret:<PREMASTER>
    //   -kdfopt hexseed:657874656e646564206d617374657220736563726574<HASH384> -binary TLS1-PRF
    // openssl kdf -keylen 48 -kdfopt digest:SHA256 -kdfopt hexsecret:<PREMASTER>
    //   -kdfopt hexseed:657874656e646564206d617374657220736563726574<HASH256> -binary TLS1-PRF
    @Test
    void extendedMasterSecretUsesTheSessionHashAndMatchesOpenSsl() {
        Secret ems384 = Tls12KeySchedule.extendedMasterSecret(crypto, HashAlgorithm.SHA384, PREMASTER, HASH384);
        assertArrayEquals(hex("bd1666c469089eef9a219a6566d73bfe362165187723887fb2ced30f7205800b"
                + "27b69e5e95a976e2903876f8ff0f1b5c"), ems384.reveal());
        Secret ems256 = Tls12KeySchedule.extendedMasterSecret(crypto, HashAlgorithm.SHA256, PREMASTER, HASH256);
        assertArrayEquals(hex("76b391726a03feac85ddf8477320d0ba44cab9c30b5e5a53c4b0a60e62d06596"
                + "82f59faeb3cc965fd492d7d423a42540"), ems256.reveal());
    }

    // openssl kdf -keylen 80 -kdfopt digest:SHA256 -kdfopt hexsecret:<MASTER256>
    //   -kdfopt hexseed:6b657920657870616e73696f6e<SERVER_RANDOM><CLIENT_RANDOM> -binary TLS1-PRF
    @Test
    void keyBlockIsSeededServerRandomFirstAndSplitInRfcOrder() {
        KeyBlock kb = Tls12KeySchedule.keyBlock(crypto, HashAlgorithm.SHA256, Secret.copyOf(MASTER256),
                CLIENT_RANDOM, SERVER_RANDOM, 20, 16, 4);
        String block = "6c5237b7dec6286e8fcb8c9c5c60a482f6d973fb" + "4361b5deeff3aa861e8b72f30b7d3f8d277b5540"
                + "b792de49adee52cc9fda9a5817593cc2" + "b6e30a3c683d61f2c664111995ce5d4d" + "b09b0db7" + "212006c9";
        assertArrayEquals(hex(block.substring(0, 40)), kb.clientMacKey().reveal());
        assertArrayEquals(hex(block.substring(40, 80)), kb.serverMacKey().reveal());
        assertArrayEquals(hex(block.substring(80, 112)), kb.clientWriteKey().reveal());
        assertArrayEquals(hex(block.substring(112, 144)), kb.serverWriteKey().reveal());
        assertArrayEquals(hex(block.substring(144, 152)), kb.clientFixedIv());
        assertArrayEquals(hex(block.substring(152, 160)), kb.serverFixedIv());
    }

    // openssl kdf -keylen 72 -kdfopt digest:SHA384 -kdfopt hexsecret:<MASTER384>
    //   -kdfopt hexseed:6b657920657870616e73696f6e<SERVER_RANDOM><CLIENT_RANDOM> -binary TLS1-PRF
    @Test
    void aeadKeyBlockHasNoMacKeysAndTheCiphersLengths() {
        KeyBlock kb = Tls12KeySchedule.keyBlock(crypto, HashAlgorithm.SHA384, Secret.copyOf(MASTER384),
                CLIENT_RANDOM, SERVER_RANDOM, BulkCipher.AES_256_GCM);
        String block = "cfec64050cb7f04c05267f49bb74e88e81fa16d11cc8555b1b6f8aaa5e35111d"
                + "edecc5a9c6fff9a9dab0da65fbcef14f631b3036bce44a1de03136b2ffbd2754" + "ab593451" + "a804c58d";
        assertEquals(0, kb.clientMacKey().length());
        assertEquals(0, kb.serverMacKey().length());
        assertArrayEquals(hex(block.substring(0, 64)), kb.clientWriteKey().reveal());
        assertArrayEquals(hex(block.substring(64, 128)), kb.serverWriteKey().reveal());
        assertArrayEquals(hex(block.substring(128, 136)), kb.clientFixedIv());
        assertArrayEquals(hex(block.substring(136, 144)), kb.serverFixedIv());
    }

    // openssl kdf -keylen 12 -kdfopt digest:SHA256 -kdfopt hexsecret:<MASTER256>
    //   -kdfopt hexseed:636c69656e742066696e6973686564<HASH256> -binary TLS1-PRF   (client finished)
    //   -kdfopt hexseed:7365727665722066696e6973686564<HASH256> -binary TLS1-PRF   (server finished)
    @Test
    void verifyDataUsesTheSidesLabelAndMatchesOpenSsl() {
        Secret master = Secret.copyOf(MASTER256);
        assertArrayEquals(hex("acf1e71f45f0148ec8145e68"),
                Tls12KeySchedule.verifyData(crypto, HashAlgorithm.SHA256, master, true, HASH256));
        assertArrayEquals(hex("5415e0b34ab767198f8eac80"),
                Tls12KeySchedule.verifyData(crypto, HashAlgorithm.SHA256, master, false, HASH256));
    }

    @Test
    void destroyingTheKeyBlockWipesItsKeys() {
        KeyBlock kb = Tls12KeySchedule.keyBlock(crypto, HashAlgorithm.SHA256, Secret.copyOf(MASTER256),
                CLIENT_RANDOM, SERVER_RANDOM, BulkCipher.AES_128_GCM);
        kb.destroy();
        assertTrue(kb.isDestroyed());
        assertThrows(IllegalStateException.class, () -> kb.clientWriteKey().reveal());
        assertArrayEquals(new byte[4], kb.serverFixedIv());
    }

    @Test
    void rejectsRandomsThatAreNot32Bytes() {
        assertThrows(IllegalArgumentException.class, () -> Tls12KeySchedule.masterSecret(crypto,
                HashAlgorithm.SHA256, PREMASTER, new byte[31], SERVER_RANDOM));
    }
}
