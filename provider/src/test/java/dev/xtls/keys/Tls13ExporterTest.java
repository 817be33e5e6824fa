package dev.xtls.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.Secret;
import dev.xtls.crypto.jca.JcaTlsCrypto;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * RFC 8446 §7.5 exporter over the exporter_master_secret of RFC 8448 §3. Known answers from OpenSSL 3.0's
 * TLS13-KDF (a peer we did not write), two steps as §7.5 writes them, e.g. for label EXPORTER-test, no context:
 * <pre>
 * openssl kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt mode:EXPAND_ONLY -kdfopt hexkey:&lt;exp_master&gt;
 *   -kdfopt prefix:"tls13 " -kdfopt label:EXPORTER-test -kdfopt hexdata:&lt;SHA-256("")&gt; TLS13-KDF   -> derived
 * openssl kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt mode:EXPAND_ONLY -kdfopt hexkey:&lt;derived&gt;
 *   -kdfopt prefix:"tls13 " -kdfopt label:exporter -kdfopt hexdata:&lt;SHA-256(context)&gt; TLS13-KDF
 * </pre>
 */
class Tls13ExporterTest {
    private final JcaTlsCrypto crypto = new JcaTlsCrypto(new SecureRandom());
    private final Tls13KeySchedule schedule = new Tls13KeySchedule(crypto, HashAlgorithm.SHA256);
    private final Tls13Exporter exporter = Tls13Exporter.of(crypto, schedule,
            Rfc8448.simple().secret("exp_master")).orElseThrow();

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void matchesOpenSslWithoutContext() {
        assertArrayEquals(hex("4451f6322284bad9d59028c38f3c1f0fc63b092726ce8223ee5cd645c6573fdf"),
                exporter.export("EXPORTER-test", null, 32));
    }

    @Test
    void matchesOpenSslWithContextAndLength50() {
        assertArrayEquals(hex("f53cf153ab6146a6a98def99c415089e38584ef8d0a9d3ae4c83e0979e0f1d8e"
                + "b7a95dfcbaa895fb02669884c2ec6c5b8448"), exporter.export("EXPORTER-test", hex("0102030405"), 50));
    }

    /**
     * A live OpenSSL 3.0 TLS 1.3 connection (s_server and s_client, TLS_AES_256_GCM_SHA384, both with
     * {@code -keymatexport EXPORTER-test -keymatexportlen 32}, no context); the exporter_master_secret is the
     * EXPORTER_SECRET line of s_client's {@code -keylogfile}. Both ends printed the same keying material.
     */
    @Test
    void matchesALiveOpenSslTls13ConnectionWithSha384() {
        Secret exporterSecret = Secret.wrap(hex("141a9d2d6efcfdeba1c5d53dbce30b8ded061077b63442e1"
                + "a264cdab66009e44e0f6a297f9370a1ed1cb94dd6dd737a3"));
        Tls13Exporter sha384 = Tls13Exporter.of(crypto, new Tls13KeySchedule(crypto, HashAlgorithm.SHA384),
                exporterSecret).orElseThrow();
        assertArrayEquals(hex("4e99a38fafab78e1d60023104cae158d78b897f4b62fb353f8a3b4cce918f51f"),
                sha384.export("EXPORTER-test", null, 32));
    }

    @Test
    void noContextIsTheEmptyContextInTls13() {
        assertArrayEquals(exporter.export("EXPORTER-test", null, 32),
                exporter.export("EXPORTER-test", new byte[0], 32));
    }

    @Test
    void tlsExporterChannelBindingMatchesOpenSsl() {
        // RFC 9266 §2: label EXPORTER-Channel-Binding, zero-length context, 32 bytes.
        assertArrayEquals(hex("e3b0946bf2f4668144f22872e0afd51dc9608638c6f9b2584b98c6cd3a4affad"),
                ChannelBinding.tlsExporter(exporter));
    }

    @Test
    void refusesLabelsContextsAndLengthsItCannotExport() {
        assertThrows(IllegalArgumentException.class, () -> exporter.export("", null, 32));
        assertThrows(IllegalArgumentException.class, () -> exporter.export("EXPORTER-\u00e9", null, 32));
        assertThrows(IllegalArgumentException.class, () -> exporter.export("EXPORTER\0", null, 32));
        assertThrows(IllegalArgumentException.class, () -> exporter.export("E".repeat(250), null, 32));
        assertEquals(32, exporter.export("E".repeat(249), null, 32).length);
        assertThrows(IllegalArgumentException.class, () -> exporter.export("EXPORTER-test", new byte[65536], 32));
        assertThrows(IllegalArgumentException.class, () -> exporter.export("EXPORTER-test", null, 0));
        assertThrows(IllegalArgumentException.class, () -> exporter.export("EXPORTER-test", null, 255 * 32 + 1));
        assertEquals(255 * 32, exporter.export("EXPORTER-test", null, 255 * 32).length);
    }

    @Test
    void keepsItsOwnCopyOfTheSecretAndStopsWhenDestroyed() {
        Secret master = Rfc8448.simple().secret("exp_master");
        Tls13Exporter own = Tls13Exporter.of(crypto, schedule, master).orElseThrow();
        master.destroy();
        assertEquals(32, own.export("EXPORTER-test", null, 32).length);
        own.destroy();
        assertTrue(own.isDestroyed());
        assertThrows(IllegalStateException.class, () -> own.export("EXPORTER-test", null, 32));
        assertFalse(Tls13Exporter.of(crypto, schedule, master).isPresent());
    }
}
