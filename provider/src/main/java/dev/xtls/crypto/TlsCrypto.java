package dev.xtls.crypto;

import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.SignatureScheme;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import javax.crypto.spec.DHParameterSpec;

/**
 * The crypto seam: everything the protocol core needs from primitives, with no algorithm strings. One
 * implementation ({@code dev.xtls.crypto.jca.JcaTlsCrypto}) chooses the provider per primitive.
 */
public interface TlsCrypto {
    SecureRandom random();

    TranscriptHash newTranscriptHash(HashAlgorithm hash);

    Hmac hmac(HashAlgorithm hash, byte[] key);

    boolean supportsGroup(NamedGroup group);

    KeyShare generateKeyShare(NamedGroup group);

    /**
     * Finite-field DH with parameters the server chose (RFC 5246 §7.4.3). The share's group() is the RFC 7919
     * group when p is one of its primes, otherwise null. The caller checks the size of p.
     */
    KeyShare generateDhKeyShare(BigInteger p, BigInteger g);

    /** p and g of an RFC 7919 group, which a TLS 1.2 server sends explicitly (RFC 7919 §4). */
    DHParameterSpec ffdheParameters(NamedGroup group);

    /** RSAES-PKCS1-v1_5 encryption of the premaster secret to the server's key (RFC 5246 §7.4.7.1). */
    byte[] rsaEncrypt(PublicKey key, byte[] premaster);

    /**
     * Decrypts an RSA-encrypted premaster secret with the RFC 5246 §7.4.7.1 countermeasure: always returns 48
     * bytes, {@code clientVersion} followed by the decrypted bytes 2..47 or, when the padding or length is wrong,
     * random bytes chosen before decryption — with no branch or exception that depends on the padding.
     */
    byte[] rsaDecryptPremaster(PrivateKey key, byte[] encrypted, int clientVersion);

    /** An AEAD cipher; {@code cipher} must be one ({@link BulkCipher#isAead()}). */
    Aead aead(BulkCipher cipher, byte[] key);

    /** A CBC block cipher without padding; {@code cipher} must be one ({@link BulkCipher#isCbc()}). */
    BlockCipherCbc cbc(BulkCipher cipher, byte[] key);

    boolean supportsSignatureScheme(SignatureScheme scheme);

    /** The named curve of an EC public key (secp256r1/384r1/521r1), or null for other keys and curves. */
    NamedGroup curveOf(PublicKey key);

    /**
     * Signs through {@code java.security.Signature} with the key's own provider (a key in a hardware token
     * works; its bytes are never read). Throws {@link dev.xtls.wire.TlsException} with internal_error when the
     * key cannot sign with this scheme.
     */
    byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] data);

    /** False for a wrong signature or one that does not parse; never throws for bad peer input. */
    boolean verify(SignatureScheme scheme, PublicKey key, byte[] data, byte[] signature);
}
