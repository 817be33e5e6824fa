package dev.xtls.crypto.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.xtls.crypto.KeyShare;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.TlsException;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.KeyAgreement;
import javax.crypto.interfaces.DHPublicKey;
import javax.crypto.spec.DHParameterSpec;
import javax.crypto.spec.DHPublicKeySpec;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.bouncycastle.crypto.params.DHParameters;
import org.junit.jupiter.api.Test;

class FfdheKeyShareTest {
    private final JcaTlsCrypto crypto = new JcaTlsCrypto(new SecureRandom());

    // Bouncy Castle's independent copy of the RFC 7919 groups catches a mistyped hex digit.
    @Test
    void primesMatchBouncyCastlesCopyOfRfc7919() {
        DHParameters[] bc = {DHStandardGroups.rfc7919_ffdhe2048, DHStandardGroups.rfc7919_ffdhe3072,
                DHStandardGroups.rfc7919_ffdhe4096, DHStandardGroups.rfc7919_ffdhe6144,
                DHStandardGroups.rfc7919_ffdhe8192};
        int[] bits = {2048, 3072, 4096, 6144, 8192};
        for (int i = 0; i < bc.length; i++) {
            DHParameterSpec ours = FfdheGroups.parameters(new NamedGroup(256 + i));
            assertEquals(bc[i].getP(), ours.getP(), "ffdhe group " + (256 + i));
            assertEquals(BigInteger.TWO, ours.getG());
            assertEquals(bits[i], ours.getP().bitLength());
        }
        assertNull(FfdheGroups.parameters(new NamedGroup(261)));
    }

    // Issue 13: the primes were parsed from hex on every handshake (JcaKeyShares.supports per enabled group).
    @Test
    void parametersAreConstantsNotParsedPerCall() {
        for (int code = 256; code <= 260; code++) {
            NamedGroup g = new NamedGroup(code);
            assertSame(FfdheGroups.parameters(g), FfdheGroups.parameters(g), "ffdhe group " + code);
        }
        BigInteger p = FfdheGroups.parameters(NamedGroup.FFDHE3072).getP();
        assertEquals(NamedGroup.FFDHE3072, FfdheGroups.byPrime(p));
    }

    @Test
    void bothSidesDeriveTheSameSecretAndPublicValuesAreAsLongAsP() {
        KeyShare a = crypto.generateKeyShare(NamedGroup.FFDHE2048);
        KeyShare b = crypto.generateKeyShare(NamedGroup.FFDHE2048);
        assertEquals(256, a.publicValue().length);
        byte[] secret = a.agree(b.publicValue());
        assertArrayEquals(secret, b.agree(a.publicValue()));
        assertNotEquals(0, secret[0]);
    }

    @Test
    void everyGroupGeneratesAShareOfItsSize() {
        for (int code = 257; code <= 260; code++) {
            KeyShare a = crypto.generateKeyShare(new NamedGroup(code));
            int bytes = FfdheGroups.parameters(new NamedGroup(code)).getP().bitLength() / 8;
            assertEquals(bytes, a.publicValue().length);
        }
    }

    // The JDK's DH with the same group as an independent peer; a peer value with leading zeros stripped is accepted.
    @Test
    void agreesWithAPlainJdkPeer() throws Exception {
        DHParameterSpec params = FfdheGroups.parameters(NamedGroup.FFDHE2048);
        KeyPairGenerator g = KeyPairGenerator.getInstance("DH");
        g.initialize(new DHParameterSpec(params.getP(), params.getG()));
        KeyPair jdk = g.generateKeyPair();
        KeyShare ours = crypto.generateKeyShare(NamedGroup.FFDHE2048);

        KeyAgreement ka = KeyAgreement.getInstance("DH");
        ka.init(jdk.getPrivate());
        ka.doPhase(KeyFactory.getInstance("DH").generatePublic(new DHPublicKeySpec(
                new BigInteger(1, ours.publicValue()), params.getP(), params.getG())), true);
        byte[] expected = FfdheKeyShare.stripLeadingZeros(ka.generateSecret());

        byte[] y = FfdheKeyShare.stripLeadingZeros(((DHPublicKey) jdk.getPublic()).getY().toByteArray());
        assertArrayEquals(expected, ours.agree(y));
    }

    // RFC 7919 §5.1: 1 < Y < p-1.
    @Test
    void rejectsPeerValuesOutsideTheOpenRange() {
        KeyShare a = crypto.generateKeyShare(NamedGroup.FFDHE2048);
        BigInteger p = FfdheGroups.parameters(NamedGroup.FFDHE2048).getP();
        for (BigInteger y : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE), p,
                p.add(BigInteger.ONE)}) {
            assertIllegal(a, FfdheKeyShare.toFixedLength(y, 256));
        }
        assertIllegal(a, new byte[0]);
        assertIllegal(a, new byte[257]);
    }

    @Test
    void twoAndPMinusTwoAreInRange() {
        KeyShare a = crypto.generateKeyShare(NamedGroup.FFDHE2048);
        BigInteger p = FfdheGroups.parameters(NamedGroup.FFDHE2048).getP();
        a.agree(new byte[] {2});
        a.agree(FfdheKeyShare.toFixedLength(p.subtract(BigInteger.TWO), 256));
    }

    // RFC 5246 §8.1.2.
    @Test
    void stripsLeadingZeroBytesFromTheSharedSecret() {
        HexFormat hex = HexFormat.of();
        assertArrayEquals(hex.parseHex("0102"), FfdheKeyShare.stripLeadingZeros(hex.parseHex("00000102")));
        assertArrayEquals(hex.parseHex("8000"), FfdheKeyShare.stripLeadingZeros(hex.parseHex("8000")));
        assertArrayEquals(hex.parseHex("00"), FfdheKeyShare.stripLeadingZeros(hex.parseHex("0000")));
    }

    @Test
    void padsThePublicValueToTheLengthOfP() {
        HexFormat hex = HexFormat.of();
        assertArrayEquals(hex.parseHex("000001ff"), FfdheKeyShare.toFixedLength(BigInteger.valueOf(511), 4));
        assertArrayEquals(hex.parseHex("ffffffff"), FfdheKeyShare.toFixedLength(new BigInteger("ffffffff", 16), 4));
    }

    private static void assertIllegal(KeyShare share, byte[] peer) {
        TlsException e = assertThrows(TlsException.class, () -> share.agree(peer));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
    }
}
