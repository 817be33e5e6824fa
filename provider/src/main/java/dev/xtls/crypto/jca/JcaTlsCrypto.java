package dev.xtls.crypto.jca;

import dev.xtls.crypto.Aead;
import dev.xtls.crypto.BlockCipherCbc;
import dev.xtls.crypto.BulkCipher;
import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.Hmac;
import dev.xtls.crypto.KeyShare;
import dev.xtls.crypto.TlsCrypto;
import dev.xtls.crypto.TranscriptHash;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.SignatureScheme;
import java.math.BigInteger;
import java.security.PrivateKey;
import javax.crypto.spec.DHParameterSpec;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@link TlsCrypto} over the JCA's default provider list (SunJCE for AES-GCM, AES-CBC, ChaCha20-Poly1305 and
 * HMAC, SUN for digests, SunEC/SunRsaSign or a key's own provider for signatures, the JDK's DH for FFDHE) and
 * Bouncy Castle's lightweight API, never installed as a provider, for ECDHE and X25519/X448 where it measured
 * faster. Thread-safe: every call creates its own JCA objects, except that the {@link Aead}s share this
 * object's lock-free {@link CipherPool}s and the {@link Hmac}s its {@link MacPool}s; the {@link Aead},
 * {@link BlockCipherCbc}, {@link Hmac} and {@link TranscriptHash} it returns are not.
 */
public final class JcaTlsCrypto implements TlsCrypto {
    /** Ciphers kept per transformation: about two per core record at once; more are made and dropped. */
    private static final int POOL_SIZE = Math.min(64, Math.max(16, 8 * Runtime.getRuntime().availableProcessors()));
    private final SecureRandom random;
    private final JcaKeyShares keyShares;
    private final JcaSignatures signatures;
    // one pool per context: records of all its connections share these Ciphers (JcaAead)
    private final CipherPool gcmPool = new CipherPool(JcaAead.transformation(BulkCipher.AES_128_GCM), POOL_SIZE);
    private final CipherPool chachaPool =
            new CipherPool(JcaAead.transformation(BulkCipher.CHACHA20_POLY1305), POOL_SIZE);
    // one per hash: the PRF and HKDF steps of all handshakes share these Macs (JcaHmac)
    private final Map<HashAlgorithm, MacPool> macPools = macPools();

    /** All randomness (key shares, signatures) comes from {@code random}, so tests can pin it. */
    private final EcCurveNames curveNames = new EcCurveNames();

    public JcaTlsCrypto(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
        BcCurves curves = new BcCurves();
        this.keyShares = new JcaKeyShares(random, curves);
        this.signatures = new JcaSignatures(random, curveNames, curves);
    }

    @Override
    public SecureRandom random() {
        return random;
    }

    @Override
    public TranscriptHash newTranscriptHash(HashAlgorithm hash) {
        return new JcaTranscriptHash(hash);
    }

    /** Its Mac comes from this context's pool; {@link Hmac#close()} gives it back. */
    @Override
    public Hmac hmac(HashAlgorithm hash, byte[] key) {
        return new JcaHmac(hash, key, macPools.get(hash));
    }

    private static Map<HashAlgorithm, MacPool> macPools() {
        Map<HashAlgorithm, MacPool> pools = new EnumMap<>(HashAlgorithm.class);
        for (HashAlgorithm h : HashAlgorithm.values()) {
            pools.put(h, new MacPool(JcaHmac.macName(h), POOL_SIZE));
        }
        return pools;
    }

    @Override
    public boolean supportsGroup(NamedGroup group) {
        return keyShares.supports(group);
    }

    @Override
    public KeyShare generateKeyShare(NamedGroup group) {
        return keyShares.generate(group);
    }

    @Override
    public NamedGroup curveOf(PublicKey key) {
        return curveNames.of(key);
    }

    @Override
    public KeyShare generateDhKeyShare(BigInteger p, BigInteger g) {
        return new FfdheKeyShare(FfdheGroups.byPrime(p), new DHParameterSpec(p, g), random);
    }

    @Override
    public DHParameterSpec ffdheParameters(NamedGroup group) {
        DHParameterSpec spec = FfdheGroups.parameters(group);
        if (spec == null) {
            throw new IllegalArgumentException(group + " is not an RFC 7919 group");
        }
        return spec;
    }

    @Override
    public byte[] rsaEncrypt(PublicKey key, byte[] premaster) {
        return RsaPremaster.encrypt(key, premaster, random);
    }

    @Override
    public byte[] rsaDecryptPremaster(PrivateKey key, byte[] encrypted, int clientVersion) {
        return RsaPremaster.decrypt(key, encrypted, clientVersion, random);
    }

    /** One {@link Aead} per direction, not thread-safe; each record takes a {@code Cipher} from this object's pool. */
    @Override
    public Aead aead(BulkCipher cipher, byte[] key) {
        return new JcaAead(cipher, key, cipher == BulkCipher.CHACHA20_POLY1305 ? chachaPool : gcmPool);
    }

    /** One {@link BlockCipherCbc} per direction: it reuses one {@code Cipher} and is not thread-safe. */
    @Override
    public BlockCipherCbc cbc(BulkCipher cipher, byte[] key) {
        return new JcaCbc(cipher, key);
    }

    @Override
    public boolean supportsSignatureScheme(SignatureScheme scheme) {
        return signatures.supports(scheme);
    }

    @Override
    public byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] data) {
        return signatures.sign(scheme, key, data);
    }

    @Override
    public boolean verify(SignatureScheme scheme, PublicKey key, byte[] data, byte[] signature) {
        return signatures.verify(scheme, key, data, signature);
    }
}
