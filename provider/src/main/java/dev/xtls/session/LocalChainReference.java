package dev.xtls.session;

import dev.xtls.wire.Bytes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * How a ticket names the server's own certificate chain instead of carrying it: the key manager alias the server
 * used and the SHA-256 of its leaf's DER. The ticket is sealed, so the digest only has to tell the alias's
 * certificate of then from one of now (key rotation, a fleet member with other certificates), not resist forgery;
 * SHA-256 is the fingerprint operators see ({@code openssl x509 -fingerprint -sha256}) and every JDK has it.
 */
public record LocalChainReference(String alias, Bytes leafSha256) {
    static final int DIGEST_LENGTH = 32;
    /** RFC 5246 §4 notation in {@link TicketStateCodec}: opaque local_alias&lt;1..2^16-1&gt;, UTF-8. */
    static final int MAX_ALIAS_BYTES = 0xFFFF;

    public LocalChainReference {
        Objects.requireNonNull(alias, "alias");
        int aliasBytes = alias.getBytes(StandardCharsets.UTF_8).length;
        if (aliasBytes == 0 || aliasBytes > MAX_ALIAS_BYTES || leafSha256.length() != DIGEST_LENGTH) {
            throw new IllegalArgumentException("a chain reference needs an alias of 1.." + MAX_ALIAS_BYTES
                    + " UTF-8 bytes and a " + DIGEST_LENGTH + "-byte SHA-256, got " + aliasBytes + " and "
                    + leafSha256.length() + " bytes");
        }
    }

    /** The reference to {@code chain}, which the key manager holds under {@code alias}. */
    public static LocalChainReference of(String alias, List<X509Certificate> chain) {
        return new LocalChainReference(alias, Bytes.wrap(sha256(chain.get(0))));
    }

    /**
     * What {@code alias} names now in the key manager ({@code chains}: its getCertificateChain) if its leaf is still
     * the one the ticket was issued with; otherwise why the ticket cannot be used.
     */
    public Resolution resolve(Function<String, X509Certificate[]> chains) {
        X509Certificate[] now;
        try {
            now = chains.apply(alias);
        } catch (RuntimeException e) { // a user's key manager: a ticket it cannot look up costs a full handshake
            return new Resolution(null, "the key manager failed to look up the alias \"" + alias + "\": " + e);
        }
        if (now == null || now.length == 0) {
            return new Resolution(null, "the key manager no longer has the alias \"" + alias
                    + "\" whose certificate the ticket was issued with");
        }
        if (!MessageDigest.isEqual(sha256(now[0]), leafSha256.toByteArray())) {
            return new Resolution(null, "the key manager's alias \"" + alias + "\" now names another certificate ("
                    + now[0].getSubjectX500Principal() + ") than the one the ticket was issued with");
        }
        return new Resolution(List.of(now), null);
    }

    /** Our chain, or null and the reason ({@code refusal}) a ticket naming it is not used. */
    public record Resolution(List<X509Certificate> chain, String refusal) {
        public boolean resolved() {
            return chain != null;
        }
    }

    private static byte[] sha256(X509Certificate c) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode " + c.getSubjectX500Principal() + " for a ticket", e);
        }
    }
}
