package dev.xtls.crypto;

import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.SignatureScheme;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;

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

    /** An AEAD cipher; {@code cipher} must be one ({@link BulkCipher#isAead()}). */
    Aead aead(BulkCipher cipher, byte[] key);

    /** A CBC block cipher without padding; {@code cipher} must be one ({@link BulkCipher#isCbc()}). */
    BlockCipherCbc cbc(BulkCipher cipher, byte[] key);

    boolean supportsSignatureScheme(SignatureScheme scheme);

    /**
     * Signs through {@code java.security.Signature} with the key's own provider (a key in a hardware token
     * works; its bytes are never read). Throws {@link dev.xtls.wire.TlsException} with internal_error when the
     * key cannot sign with this scheme.
     */
    byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] data);

    /** False for a wrong signature or one that does not parse; never throws for bad peer input. */
    boolean verify(SignatureScheme scheme, PublicKey key, byte[] data, byte[] signature);
}
