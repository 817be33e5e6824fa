package dev.xtls.crypto.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.xtls.crypto.KeyShare;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.TlsException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.ECFieldFp;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EcKeyShareTest {
    private final JcaTlsCrypto crypto = new JcaTlsCrypto(new SecureRandom());

    @ParameterizedTest
    @CsvSource({"23, 32", "24, 48", "25, 66"})
    void bothSidesDeriveTheSameFieldSizedSecret(int code, int fieldBytes) {
        NamedGroup group = new NamedGroup(code);
        KeyShare a = crypto.generateKeyShare(group);
        KeyShare b = crypto.generateKeyShare(group);
        byte[] pa = a.publicValue();
        assertEquals(1 + 2 * fieldBytes, pa.length);
        assertEquals(0x04, pa[0]);
        byte[] secret = a.agree(b.publicValue());
        assertEquals(fieldBytes, secret.length);
        assertArrayEquals(secret, b.agree(pa));
    }

    // The JDK's SunEC as an independent peer: its ECDH gives the same X coordinate, padded to the field size.
    @ParameterizedTest
    @CsvSource({"23, secp256r1", "24, secp384r1", "25, secp521r1"})
    void agreesWithTheJdksEcdh(int code, String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        KeyPair jdk = g.generateKeyPair();
        KeyShare ours = crypto.generateKeyShare(new NamedGroup(code));
        ECParameterSpec params = ((ECPublicKey) jdk.getPublic()).getParams();

        KeyAgreement ka = KeyAgreement.getInstance("ECDH");
        ka.init(jdk.getPrivate());
        ka.doPhase(KeyFactory.getInstance("EC").generatePublic(
                new ECPublicKeySpec(decode(ours.publicValue(), params), params)), true);
        byte[] expected = ka.generateSecret();

        assertArrayEquals(expected, ours.agree(encode((ECPublicKey) jdk.getPublic())));
    }

    @ParameterizedTest
    @CsvSource({"23", "24", "25"})
    void rejectsAPointOffTheCurve(int code) {
        KeyShare a = crypto.generateKeyShare(new NamedGroup(code));
        byte[] peer = crypto.generateKeyShare(new NamedGroup(code)).publicValue();
        peer[peer.length - 1] ^= 1;
        assertIllegal(a, peer);
    }

    @ParameterizedTest
    @CsvSource({"23", "24", "25"})
    void rejectsWrongLengthsAndCompressedOrHybridPrefixes(int code) {
        KeyShare a = crypto.generateKeyShare(new NamedGroup(code));
        byte[] peer = crypto.generateKeyShare(new NamedGroup(code)).publicValue();
        assertIllegal(a, Arrays.copyOf(peer, peer.length - 1));
        assertIllegal(a, Arrays.copyOf(peer, peer.length + 1));
        assertIllegal(a, new byte[0]);
        int half = (peer.length - 1) / 2;
        byte[] compressed = Arrays.copyOf(peer, 1 + half);
        compressed[0] = 0x02;
        assertIllegal(a, compressed);
        for (byte prefix : new byte[] {0x00, 0x02, 0x03, 0x06, 0x07}) {
            byte[] p = peer.clone();
            p[0] = prefix;
            assertIllegal(a, p);
        }
    }

    @ParameterizedTest
    @CsvSource({"23, secp256r1", "24, secp384r1", "25, secp521r1"})
    void rejectsCoordinatesThatAreNotFieldElements(int code, String curve) throws Exception {
        KeyShare a = crypto.generateKeyShare(new NamedGroup(code));
        AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
        ap.init(new ECGenParameterSpec(curve));
        ECParameterSpec params = ap.getParameterSpec(ECParameterSpec.class);
        BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
        ECPoint gen = params.getGenerator();
        int size = (p.bitLength() + 7) / 8;
        // (x + p, y) is the generator modulo p, so only a range check can reject it.
        assertIllegal(a, encode(gen.getAffineX().add(p), gen.getAffineY(), size));
        assertIllegal(a, encode(gen.getAffineX(), gen.getAffineY().add(p), size));
        assertIllegal(a, new byte[1 + 2 * size]);
        byte[] zero = new byte[1 + 2 * size];
        zero[0] = 4;
        assertIllegal(a, zero);
    }

    private static void assertIllegal(KeyShare share, byte[] peer) {
        TlsException e = assertThrows(TlsException.class, () -> share.agree(peer));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
    }

    private static byte[] encode(ECPublicKey key) {
        BigInteger p = ((ECFieldFp) key.getParams().getCurve().getField()).getP();
        return encode(key.getW().getAffineX(), key.getW().getAffineY(), (p.bitLength() + 7) / 8);
    }

    private static byte[] encode(BigInteger x, BigInteger y, int size) {
        byte[] out = new byte[1 + 2 * size];
        out[0] = 4;
        put(x, out, 1, size);
        put(y, out, 1 + size, size);
        return out;
    }

    private static void put(BigInteger v, byte[] out, int off, int size) {
        byte[] b = v.toByteArray();
        int skip = b.length > size ? b.length - size : 0;
        System.arraycopy(b, skip, out, off + size - (b.length - skip), b.length - skip);
    }

    private static ECPoint decode(byte[] encoded, ECParameterSpec params) {
        int size = (encoded.length - 1) / 2;
        return new ECPoint(new BigInteger(1, Arrays.copyOfRange(encoded, 1, 1 + size)),
                new BigInteger(1, Arrays.copyOfRange(encoded, 1 + size, encoded.length)));
    }
}
