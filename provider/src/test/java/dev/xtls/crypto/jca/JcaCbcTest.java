package dev.xtls.crypto.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.xtls.crypto.BlockCipherCbc;
import dev.xtls.crypto.BulkCipher;
import dev.xtls.crypto.TlsCrypto;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class JcaCbcTest {
    private final TlsCrypto crypto = new JcaTlsCrypto(new SecureRandom());

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    // NIST SP 800-38A Appendix F.2: the four CBC example blocks.
    private static final byte[] IV = hex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] PLAINTEXT = hex("6bc1bee22e409f96e93d7e117393172a" + "ae2d8a571e03ac9c9eb76fac45af8e51"
            + "30c81c46a35ce411e5fbc1191a0a52ef" + "f69f2445df4f9b17ad2b417be66c3710");

    @Test
    void aes128CbcMatchesSp800_38aF21() {
        BlockCipherCbc cbc = crypto.cbc(BulkCipher.AES_128_CBC, hex("2b7e151628aed2a6abf7158809cf4f3c"));
        byte[] expected = hex("7649abac8119b246cee98e9b12e9197d" + "5086cb9b507219ee95db113a917678b2"
                + "73bed6b8e3c1743b7116e69e22229516" + "3ff1caa1681fac09120eca307586e1a7");
        byte[] out = new byte[64];
        cbc.encrypt(IV, PLAINTEXT, 0, 64, out, 0);
        assertArrayEquals(expected, out);
        cbc.decrypt(IV, expected, 0, 64, out, 0);
        assertArrayEquals(PLAINTEXT, out);
    }

    @Test
    void aes256CbcMatchesSp800_38aF25() {
        BlockCipherCbc cbc = crypto.cbc(BulkCipher.AES_256_CBC,
                hex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4"));
        byte[] expected = hex("f58c4c04d6e5f1ba779eabfb5f7bfbd6" + "9cfc4e967edb808d679f777bc6702c7d"
                + "39f23369a9d9bacfa530e26304231461" + "b2eb05e2c39be9fcda6c19078c6a9d1b");
        byte[] out = new byte[64];
        cbc.encrypt(IV, PLAINTEXT, 0, 64, out, 0);
        assertArrayEquals(expected, out);
    }

    @Test
    void encryptsAndDecryptsInPlaceAtAnOffset() {
        BlockCipherCbc cbc = crypto.cbc(BulkCipher.AES_128_CBC, hex("2b7e151628aed2a6abf7158809cf4f3c"));
        byte[] buf = new byte[3 + 64];
        System.arraycopy(PLAINTEXT, 0, buf, 3, 64);
        cbc.encrypt(IV, buf, 3, 64, buf, 3);
        assertArrayEquals(hex("7649abac8119b246cee98e9b12e9197d"), Arrays.copyOfRange(buf, 3, 19));
        cbc.decrypt(IV, buf, 3, 64, buf, 3);
        assertArrayEquals(PLAINTEXT, Arrays.copyOfRange(buf, 3, 67));
    }

    @Test
    void refusesPartialBlocksAndShortIvs() {
        BlockCipherCbc cbc = crypto.cbc(BulkCipher.AES_128_CBC, new byte[16]);
        assertThrows(IllegalArgumentException.class, () -> cbc.encrypt(IV, new byte[17], 0, 17, new byte[17], 0));
        assertThrows(IllegalArgumentException.class, () -> cbc.decrypt(new byte[8], new byte[16], 0, 16,
                new byte[16], 0));
    }

    @Test
    void refusesWrongKeyLengthsAndCiphersOfTheOtherKind() {
        assertThrows(IllegalArgumentException.class, () -> crypto.cbc(BulkCipher.AES_256_CBC, new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> crypto.cbc(BulkCipher.AES_128_GCM, new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> crypto.aead(BulkCipher.AES_128_CBC, new byte[16]));
    }
}
