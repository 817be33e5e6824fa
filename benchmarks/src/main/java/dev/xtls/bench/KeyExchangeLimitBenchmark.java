package dev.xtls.bench;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.crypto.KeyAgreement;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The physical limit of a full handshake: its public-key operations alone — two ephemeral key generations, two
 * agreements (each decoding the peer's public value from its wire form), one signature over a ServerKeyExchange-
 * sized message and its verification. {@link Crypto#JDK}: all on the JDK (SunEC, SunRsaSign RSASSA-PSS), as
 * SunJSSE does; {@link Crypto#BC_ECDH}: ECDH on Bouncy Castle's lightweight API with the JDK's signatures, as Xtls
 * does today; {@link Crypto#BC}: signatures on Bouncy Castle's JCA provider too (for reference).
 * Certificate-chain verification (one more ECDSA P-256 verify in the handshake benchmark) is not included.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class KeyExchangeLimitBenchmark {

    /** Group and server signature, matching {@link HandshakeBenchmark.Config}. */
    public enum Pair {
        ECDSA_P256_X25519, ECDSA_P256_SECP256R1, RSA2048_X25519
    }

    /** Who does what: everything on the JDK; BC's ECDH with the JDK's signatures (Xtls today); all on BC. */
    public enum Crypto {
        JDK, BC_ECDH, BC
    }

    @Param
    public Pair pair;

    @Param
    public Crypto crypto;

    private final SecureRandom random = new SecureRandom();
    private final byte[] signed = new byte[64 + 4 + 65];
    private PrivateKey signingKey;
    private PublicKey verifyingKey;
    private Signature signer;
    private Signature verifier;
    private Exchange exchange;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        random.nextBytes(signed);
        boolean rsa = pair == Pair.RSA2048_X25519;
        KeyPairGenerator g = KeyPairGenerator.getInstance(rsa ? "RSA" : "EC");
        if (rsa) {
            g.initialize(2048);
        } else {
            g.initialize(new ECGenParameterSpec("secp256r1"));
        }
        KeyPair kp = g.generateKeyPair();
        signingKey = kp.getPrivate();
        verifyingKey = kp.getPublic();
        String alg = rsa ? "RSASSA-PSS" : "SHA256withECDSA";
        if (crypto == Crypto.BC) {
            Provider bc = new BouncyCastleProvider(); // an object, never registered
            signer = Signature.getInstance(alg, bc);
            verifier = Signature.getInstance(alg, bc);
        } else {
            signer = Signature.getInstance(alg);
            verifier = Signature.getInstance(alg);
        }
        if (rsa) {
            PSSParameterSpec pss = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
            signer.setParameter(pss);
            verifier.setParameter(pss);
        }
        boolean x25519 = pair != Pair.ECDSA_P256_SECP256R1;
        exchange = switch (crypto) {
            case JDK -> x25519 ? new JdkX25519() : new JdkP256();
            case BC_ECDH, BC -> x25519 ? new BcX25519() : new BcP256();
        };
        if (handshakeCrypto() == 0) {
            throw new IllegalStateException("the two sides did not agree");
        }
    }

    /** Returns 1 when both sides derived the same secret and the signature verified. */
    @Benchmark
    public int handshakeCrypto() throws GeneralSecurityException {
        Object server = exchange.generate();
        Object client = exchange.generate();
        byte[] serverPublic = exchange.publicValue(server);
        System.arraycopy(serverPublic, 0, signed, 68, Math.min(serverPublic.length, 65));
        signer.initSign(signingKey, random);
        signer.update(signed);
        byte[] signature = signer.sign();
        verifier.initVerify(verifyingKey);
        verifier.update(signed);
        if (!verifier.verify(signature)) {
            throw new IllegalStateException("signature did not verify");
        }
        byte[] clientSecret = exchange.agree(client, serverPublic);
        byte[] serverSecret = exchange.agree(server, exchange.publicValue(client));
        return Arrays.equals(clientSecret, serverSecret) ? 1 : 0;
    }

    /** One ephemeral key exchange implementation: key pairs are opaque, public values in their TLS wire form. */
    interface Exchange {
        Object generate() throws GeneralSecurityException;

        byte[] publicValue(Object keyPair);

        byte[] agree(Object keyPair, byte[] peerPublic) throws GeneralSecurityException;
    }

    private final class JdkX25519 implements Exchange {
        private final KeyPairGenerator generator = KeyPairGenerator.getInstance("X25519");
        private final KeyFactory factory = KeyFactory.getInstance("X25519");
        private final KeyAgreement agreement = KeyAgreement.getInstance("X25519");

        JdkX25519() throws GeneralSecurityException {
        }

        @Override
        public Object generate() {
            return generator.generateKeyPair();
        }

        @Override
        public byte[] publicValue(Object keyPair) {
            BigInteger u = ((XECPublicKey) ((KeyPair) keyPair).getPublic()).getU();
            byte[] be = u.toByteArray();
            byte[] le = new byte[32];
            for (int i = 0; i < 32 && i < be.length; i++) {
                le[i] = be[be.length - 1 - i];
            }
            return le;
        }

        @Override
        public byte[] agree(Object keyPair, byte[] peerPublic) throws GeneralSecurityException {
            byte[] be = new byte[33];
            for (int i = 0; i < 32; i++) {
                be[32 - i] = peerPublic[i];
            }
            PublicKey peer = factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519,
                    new BigInteger(be)));
            agreement.init(((KeyPair) keyPair).getPrivate());
            agreement.doPhase(peer, true);
            return agreement.generateSecret();
        }
    }

    private final class JdkP256 implements Exchange {
        private final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        private final KeyFactory factory = KeyFactory.getInstance("EC");
        private final KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        private final ECParameterSpec params;

        JdkP256() throws GeneralSecurityException {
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            params = ((ECPublicKey) generator.generateKeyPair().getPublic()).getParams();
        }

        @Override
        public Object generate() {
            return generator.generateKeyPair();
        }

        @Override
        public byte[] publicValue(Object keyPair) {
            ECPoint w = ((ECPublicKey) ((KeyPair) keyPair).getPublic()).getW();
            byte[] out = new byte[65];
            out[0] = 4;
            put(w.getAffineX(), out, 1);
            put(w.getAffineY(), out, 33);
            return out;
        }

        @Override
        public byte[] agree(Object keyPair, byte[] peerPublic) throws GeneralSecurityException {
            ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(peerPublic, 1, 33)),
                    new BigInteger(1, Arrays.copyOfRange(peerPublic, 33, 65)));
            PublicKey peer = factory.generatePublic(new ECPublicKeySpec(w, params));
            agreement.init(((KeyPair) keyPair).getPrivate());
            agreement.doPhase(peer, true);
            return agreement.generateSecret();
        }

        private static void put(BigInteger v, byte[] out, int at) {
            byte[] b = v.toByteArray();
            int n = Math.min(b.length, 32);
            System.arraycopy(b, b.length - n, out, at + 32 - n, n);
        }
    }

    private final class BcX25519 implements Exchange {
        @Override
        public Object generate() {
            byte[] priv = new byte[X25519.SCALAR_SIZE];
            X25519.generatePrivateKey(random, priv);
            byte[] pub = new byte[X25519.POINT_SIZE];
            X25519.generatePublicKey(priv, 0, pub, 0);
            return new byte[][] {priv, pub};
        }

        @Override
        public byte[] publicValue(Object keyPair) {
            return ((byte[][]) keyPair)[1];
        }

        @Override
        public byte[] agree(Object keyPair, byte[] peerPublic) {
            byte[] secret = new byte[X25519.POINT_SIZE];
            if (!X25519.calculateAgreement(((byte[][]) keyPair)[0], 0, peerPublic, 0, secret, 0)) {
                throw new IllegalStateException("small-order point");
            }
            return secret;
        }
    }

    private final class BcP256 implements Exchange {
        private final ECDomainParameters domain = new ECDomainParameters(CustomNamedCurves.getByName("secp256r1"));
        private final ECKeyPairGenerator generator = new ECKeyPairGenerator();

        BcP256() {
            generator.init(new ECKeyGenerationParameters(domain, random));
        }

        @Override
        public Object generate() {
            return generator.generateKeyPair();
        }

        @Override
        public byte[] publicValue(Object keyPair) {
            return ((ECPublicKeyParameters) ((AsymmetricCipherKeyPair) keyPair).getPublic()).getQ().getEncoded(false);
        }

        @Override
        public byte[] agree(Object keyPair, byte[] peerPublic) {
            ECPublicKeyParameters peer = new ECPublicKeyParameters(domain.getCurve().decodePoint(peerPublic), domain);
            ECDHBasicAgreement agreement = new ECDHBasicAgreement();
            agreement.init((ECPrivateKeyParameters) ((AsymmetricCipherKeyPair) keyPair).getPrivate());
            byte[] out = new byte[32];
            byte[] x = agreement.calculateAgreement(peer).toByteArray();
            int n = Math.min(x.length, 32);
            System.arraycopy(x, x.length - n, out, 32 - n, n);
            return out;
        }
    }
}
