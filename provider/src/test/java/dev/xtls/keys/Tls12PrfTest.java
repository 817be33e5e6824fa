package dev.xtls.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.TlsCrypto;
import dev.xtls.crypto.jca.JcaTlsCrypto;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Tls12PrfTest {
    private final TlsCrypto crypto = new JcaTlsCrypto(new SecureRandom());

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    // Published P_SHA256 vector, IETF TLS list https://www.ietf.org/mail-archive/web/tls/current/msg03416.html
    // (also in GnuTLS tests/tls12-prf.c); re-checked with:
    // openssl kdf -keylen 100 -kdfopt digest:SHA256 -kdfopt hexsecret:9bbe436ba940f017b17652849a71db35
    //   -kdfopt hexseed:74657374206c6162656ca0ba9f936cda311827a6f796ffd5198c -binary TLS1-PRF
    @Test
    void sha256PrfMatchesThePublishedVector() {
        byte[] out = Tls12Prf.prf(crypto, HashAlgorithm.SHA256, hex("9bbe436ba940f017b17652849a71db35"),
                "test label", hex("a0ba9f936cda311827a6f796ffd5198c"), 100);
        assertArrayEquals(hex("e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a"
                + "6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab"
                + "4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701"
                + "87347b66"), out);
    }

    // Published P_SHA384 vector from the same message (msg03416); re-checked with:
    // openssl kdf -keylen 148 -kdfopt digest:SHA384 -kdfopt hexsecret:b80b733d6ceefcdc71566ea48e5567df
    //   -kdfopt hexseed:74657374206c6162656ccd665cf6a8447dd6ff8b27555edb7465 -binary TLS1-PRF
    @Test
    void sha384PrfMatchesThePublishedVector() {
        byte[] out = Tls12Prf.prf(crypto, HashAlgorithm.SHA384, hex("b80b733d6ceefcdc71566ea48e5567df"),
                "test label", hex("cd665cf6a8447dd6ff8b27555edb7465"), 148);
        assertArrayEquals(hex("7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cd"
                + "e9ca0faa60be9fe34f82b1233c9146a0e534cb400fed2700884f9dc236f80edd"
                + "8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad05d918425"
                + "9b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee6"
                + "91c8f3a26854308d5eaa3be85e0990703d73e56f"), out);
    }

    @Test
    void shorterOutputIsAPrefixOfLongerOutput() {
        byte[] secret = hex("9bbe436ba940f017b17652849a71db35");
        byte[] seed = hex("a0ba9f936cda311827a6f796ffd5198c");
        byte[] full = Tls12Prf.prf(crypto, HashAlgorithm.SHA256, secret, "test label", seed, 100);
        for (int n : new int[] {0, 1, 31, 32, 33, 64, 99}) {
            byte[] part = Tls12Prf.prf(crypto, HashAlgorithm.SHA256, secret, "test label", seed, n);
            assertArrayEquals(Arrays.copyOf(full, n), part, "length " + n);
        }
    }

    @Test
    void emptySecretIsAccepted() {
        // RFC 2104 zero-pads the key, so an empty key is the key of one zero byte.
        byte[] empty = Tls12Prf.prf(crypto, HashAlgorithm.SHA256, new byte[0], "x", new byte[1], 32);
        byte[] zero = Tls12Prf.prf(crypto, HashAlgorithm.SHA256, new byte[1], "x", new byte[1], 32);
        assertArrayEquals(zero, empty);
        assertEquals(32, empty.length);
    }
}
