package dev.xtls.crypto.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.wire.SignatureScheme;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Bouncy Castle ECDSA fast path agrees with SunEC in both directions. */
class BcEcdsaTest {
    private final BcEcdsa ecdsa = new BcEcdsa(new EcCurveNames(), new BcCurves());

    @ParameterizedTest
    @CsvSource({"secp256r1,0x0403,SHA256withECDSA", "secp384r1,0x0503,SHA384withECDSA",
            "secp521r1,0x0603,SHA512withECDSA", "secp256r1,0x0203,SHA1withECDSA"})
    void signaturesVerifyAcrossImplementations(String curve, String code, String jdkName) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        KeyPair kp = g.generateKeyPair();
        SignatureScheme scheme = new SignatureScheme(Integer.decode(code));
        byte[] data = "client_random + server_random + params".getBytes();

        byte[] ours = ecdsa.sign(scheme, (ECPrivateKey) kp.getPrivate(), data);
        assertNotNull(ours);
        Signature jdk = Signature.getInstance(jdkName);
        jdk.initVerify(kp.getPublic());
        jdk.update(data);
        assertTrue(jdk.verify(ours), "SunEC verifies the BC signature");

        jdk.initSign(kp.getPrivate());
        jdk.update(data);
        byte[] theirs = jdk.sign();
        assertEquals(Boolean.TRUE, ecdsa.verify(scheme, (ECPublicKey) kp.getPublic(), data, theirs));

        data[0] ^= 1;
        assertEquals(Boolean.FALSE, ecdsa.verify(scheme, (ECPublicKey) kp.getPublic(), data, theirs));
        assertEquals(Boolean.FALSE, ecdsa.verify(scheme, (ECPublicKey) kp.getPublic(), data, new byte[] {0x30, 0}));
    }
}
