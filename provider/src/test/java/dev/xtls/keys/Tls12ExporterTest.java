package dev.xtls.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.Secret;
import dev.xtls.crypto.TlsCrypto;
import dev.xtls.crypto.jca.JcaTlsCrypto;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * RFC 5705 §4 exporter. Known answers from OpenSSL 3.0's TLS1-PRF KDF (a peer we did not write), with the master
 * secret and randoms of {@link Tls12KeyScheduleTest}, the label as the hex prefix of the seed:
 * <pre>
 * openssl kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt hexsecret:&lt;MASTER256&gt;
 *   -kdfopt hexseed:&lt;hex(label)&gt;&lt;CLIENT_RANDOM&gt;&lt;SERVER_RANDOM&gt;[&lt;uint16 length&gt;&lt;context&gt;]
 *   TLS1-PRF
 * </pre>
 */
class Tls12ExporterTest {
    private static final byte[] MASTER256 = hex("468962770bcc26dff47b31d3b265b664b2ece1b19edf598263a032d42cc6cd95"
            + "5a72130ced7ee3611627e85ddb36940d");
    private static final byte[] CLIENT_RANDOM = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final byte[] SERVER_RANDOM = hex("fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0efeeedecebeae9e8e7e6e5e4e3e2e1e0");

    private final TlsCrypto crypto = new JcaTlsCrypto(new SecureRandom());
    private final Tls12Exporter exporter = Tls12Exporter.of(crypto, HashAlgorithm.SHA256, Secret.copyOf(MASTER256),
            true, CLIENT_RANDOM, SERVER_RANDOM).orElseThrow();

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void noContextLeavesTheContextOutOfTheSeed() {
        // hexseed: 4558504f525445522d74657374 <CLIENT_RANDOM> <SERVER_RANDOM>
        assertArrayEquals(hex("16c28c89e30f8bae9f86a6304406cfd0f9c40f5b273b3fb83c7c8b9aa7a05ace"),
                exporter.export("EXPORTER-test", null, 32));
    }

    @Test
    void anEmptyContextIsAZeroLengthField() {
        // hexseed: ... <SERVER_RANDOM> 0000 — differs from no context (RFC 5705 §4)
        assertArrayEquals(hex("3ff7cd5a2878ee7a42d14754509a2081a3add4489bbbccfbc57b8f6e991123f0"),
                exporter.export("EXPORTER-test", new byte[0], 32));
    }

    @Test
    void contextFollowsItsUint16Length() {
        // hexseed: ... <SERVER_RANDOM> 0005 0102030405, 50 bytes
        assertArrayEquals(hex("ccf7198a5b58a9f675c76126838ff1f0f100305f85361d2bc3536a961579da5f"
                + "b961a9c9223d3262640864179e6acbd25975"), exporter.export("EXPORTER-test", hex("0102030405"), 50));
    }

    @Test
    void tlsExporterChannelBindingUsesAZeroLengthContext() {
        // RFC 9266 §2; hexseed: 4558504f525445522d4368616e6e656c2d42696e64696e67 <randoms> 0000
        assertArrayEquals(hex("ba17614299ba645020c943a1409e2862ca2e6449a3201881cf94d060b510ec61"),
                ChannelBinding.tlsExporter(exporter));
    }

    /**
     * A live OpenSSL 3.0 TLS 1.2 connection (s_server and s_client, ECDHE-ECDSA-AES256-GCM-SHA384, extended master
     * secret, both with {@code -keymatexport EXPORTER-test -keymatexportlen 32}, no context). The master secret and
     * client random are the CLIENT_RANDOM line of s_client's {@code -keylogfile}, the server random is from the
     * ServerHello that {@code s_client -msg} printed. Both ends printed the same keying material.
     */
    @Test
    void matchesALiveOpenSslTls12ConnectionWithSha384() {
        Secret master = Secret.wrap(hex("c6a740a247891736f7f3cb17cfc5d555a59822b9c1c7fde9"
                + "925d6b989b1e65432b0c383ff9bef8c31c71ab40e6734e88"));
        Tls12Exporter live = Tls12Exporter.of(crypto, HashAlgorithm.SHA384, master, true,
                hex("b530a17c4de7fee1ed1f15b86cdeee6c90bbcbe1ec1e106b8c1fffbe149602f5"),
                hex("24c64b9c17b9098ad607757feef7ff21564ecf4eb7e93142a740f50d6a74bd46")).orElseThrow();
        assertArrayEquals(hex("cf216dc5323dae61042a719c21b44600cfd9483617dda8a36c66ad59f7e7e29f"),
                live.export("EXPORTER-test", null, 32));
    }

    @Test
    void noExporterWithoutTheExtendedMasterSecret() {
        // RFC 7627 §5.4: such a session "MUST disable [RFC5705]".
        assertFalse(Tls12Exporter.of(crypto, HashAlgorithm.SHA256, Secret.copyOf(MASTER256), false, CLIENT_RANDOM,
                SERVER_RANDOM).isPresent());
    }

    @Test
    void refusesBadLabelsContextsAndLengths() {
        assertThrows(IllegalArgumentException.class, () -> exporter.export("", null, 32));
        assertThrows(IllegalArgumentException.class, () -> exporter.export("EXPORTER-\u00fc", null, 32));
        assertThrows(IllegalArgumentException.class, () -> exporter.export("EXPORTER-test", new byte[65536], 32));
        assertEquals(1, exporter.export("EXPORTER-test", new byte[65535], 1).length);
        assertThrows(IllegalArgumentException.class, () -> exporter.export("EXPORTER-test", null, 0));
        assertThrows(IllegalArgumentException.class, () -> exporter.export("EXPORTER-test", null, 65536));
        assertThrows(IllegalArgumentException.class, () -> Tls12Exporter.of(crypto, HashAlgorithm.SHA256,
                Secret.copyOf(MASTER256), true, new byte[31], SERVER_RANDOM));
    }

    @Test
    void keepsItsOwnCopiesAndStopsWhenDestroyed() {
        Secret master = Secret.copyOf(MASTER256);
        byte[] clientRandom = CLIENT_RANDOM.clone();
        Tls12Exporter own = Tls12Exporter.of(crypto, HashAlgorithm.SHA256, master, true, clientRandom,
                SERVER_RANDOM).orElseThrow();
        master.destroy();
        Arrays.fill(clientRandom, (byte) 0);
        assertArrayEquals(exporter.export("EXPORTER-test", null, 32), own.export("EXPORTER-test", null, 32));
        own.destroy();
        assertTrue(own.isDestroyed());
        assertThrows(IllegalStateException.class, () -> own.export("EXPORTER-test", null, 32));
    }
}
