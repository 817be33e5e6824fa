package dev.xtls.crypto.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.xtls.crypto.KeyShare;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.TlsException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class XdhKeyShareTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static KeyShare shareWithPrivateKey(NamedGroup group, String privateKeyHex) {
        return new JcaTlsCrypto(new FixedRandom(hex(privateKeyHex))).generateKeyShare(group);
    }

    // RFC 7748 §5.2, the two X25519 scalar/u-coordinate vectors (the second u has its top bit set).
    @Test
    void x25519MatchesTheRfc7748FunctionVectors() {
        KeyShare first = shareWithPrivateKey(NamedGroup.X25519,
                "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
        assertArrayEquals(hex("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"),
                first.agree(hex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")));
        KeyShare second = shareWithPrivateKey(NamedGroup.X25519,
                "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d");
        assertArrayEquals(hex("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957"),
                second.agree(hex("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493")));
    }

    // RFC 7748 §6.1, Alice and Bob.
    @Test
    void x25519AliceAndBobDeriveTheRfc7748SharedSecret() {
        KeyShare alice = shareWithPrivateKey(NamedGroup.X25519,
                "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        KeyShare bob = shareWithPrivateKey(NamedGroup.X25519,
                "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
        assertArrayEquals(hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"), alice.publicValue());
        assertArrayEquals(hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"), bob.publicValue());
        byte[] k = hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        assertArrayEquals(k, alice.agree(bob.publicValue()));
        assertArrayEquals(k, bob.agree(alice.publicValue()));
    }

    // RFC 7748 §6.2, Alice and Bob.
    @Test
    void x448AliceAndBobDeriveTheRfc7748SharedSecret() {
        KeyShare alice = shareWithPrivateKey(NamedGroup.X448, "9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28d"
                + "d9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b");
        KeyShare bob = shareWithPrivateKey(NamedGroup.X448, "1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d"
                + "6927c120bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d");
        assertArrayEquals(hex("9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c"
                + "22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0"), alice.publicValue());
        assertArrayEquals(hex("3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b430"
                + "27d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609"), bob.publicValue());
        byte[] k = hex("07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282b"
                + "b60c0b56fd2464c335543936521c24403085d59a449a5037514a879d");
        assertArrayEquals(k, alice.agree(bob.publicValue()));
        assertArrayEquals(k, bob.agree(alice.publicValue()));
    }

    @Test
    void freshSharesAgreeWithEachOther() {
        JcaTlsCrypto crypto = new JcaTlsCrypto(new SecureRandom());
        for (NamedGroup g : new NamedGroup[] {NamedGroup.X25519, NamedGroup.X448}) {
            KeyShare a = crypto.generateKeyShare(g);
            KeyShare b = crypto.generateKeyShare(g);
            assertEquals(g, a.group());
            assertArrayEquals(a.agree(b.publicValue()), b.agree(a.publicValue()));
        }
    }

    // RFC 7748 §6.1: small-order inputs (u = 0, u = 1, and a point of order 8) give the all-zero secret.
    @Test
    void rejectsPeerValuesThatGiveTheAllZeroSecret() {
        KeyShare share = new JcaTlsCrypto(new SecureRandom()).generateKeyShare(NamedGroup.X25519);
        byte[] one = new byte[32];
        one[0] = 1;
        for (byte[] u : new byte[][] {new byte[32], one,
                hex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")}) {
            TlsException e = assertThrows(TlsException.class, () -> share.agree(u));
            assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        }
        KeyShare x448 = new JcaTlsCrypto(new SecureRandom()).generateKeyShare(NamedGroup.X448);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER,
                assertThrows(TlsException.class, () -> x448.agree(new byte[56])).alert());
    }

    @Test
    void rejectsPeerValuesOfTheWrongLength() {
        KeyShare share = new JcaTlsCrypto(new SecureRandom()).generateKeyShare(NamedGroup.X25519);
        for (int length : new int[] {0, 31, 33, 56}) {
            TlsException e = assertThrows(TlsException.class, () -> share.agree(new byte[length]));
            assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        }
    }

    @Test
    void refusesToAgreeAfterDestroy() {
        KeyShare a = new JcaTlsCrypto(new SecureRandom()).generateKeyShare(NamedGroup.X25519);
        byte[] peer = a.publicValue();
        a.destroy();
        assertThrows(IllegalStateException.class, () -> a.agree(peer));
    }
}
