package dev.xtls.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.jca.JcaTlsCrypto;
import dev.xtls.wire.Bytes;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** RFC 5869 Appendix A test vectors for HKDF-SHA256. */
class HkdfTest {
    private final JcaTlsCrypto crypto = new JcaTlsCrypto(new SecureRandom());

    @Test
    void matchesRfc5869TestCase1() {
        byte[] ikm = Bytes.fromHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b").toByteArray();
        byte[] salt = Bytes.fromHex("000102030405060708090a0b0c").toByteArray();
        byte[] info = Bytes.fromHex("f0f1f2f3f4f5f6f7f8f9").toByteArray();
        byte[] prk = Hkdf.extract(crypto, HashAlgorithm.SHA256, salt, ikm);
        assertEquals("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5", Bytes.of(prk).toHex());
        assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
                Bytes.of(Hkdf.expand(crypto, HashAlgorithm.SHA256, prk, info, 42)).toHex());
    }

    @Test
    void matchesRfc5869TestCase3WithoutSaltOrInfo() {
        byte[] ikm = Bytes.fromHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b").toByteArray();
        byte[] prk = Hkdf.extract(crypto, HashAlgorithm.SHA256, new byte[0], ikm);
        assertEquals("19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04", Bytes.of(prk).toHex());
        assertEquals("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8",
                Bytes.of(Hkdf.expand(crypto, HashAlgorithm.SHA256, prk, new byte[0], 42)).toHex());
    }
}
