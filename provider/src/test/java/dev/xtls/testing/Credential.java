package dev.xtls.testing;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Objects;

/**
 * A private key with its certificate chain, leaf first. The chain never includes the root CA (a trust anchor is
 * not sent on the wire); the issuing CA is {@link TestPki#caCertificate()} or, for untrusted leaves,
 * {@link TestPki#untrustedCaCertificate()}.
 */
public record Credential(String name, PrivateKey key, X509Certificate[] chain) {

    public Credential {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        if (chain.length == 0) {
            throw new IllegalArgumentException("empty chain");
        }
        chain = chain.clone();
    }

    /** A copy: the record stays immutable. */
    @Override
    public X509Certificate[] chain() {
        return chain.clone();
    }

    public X509Certificate leaf() {
        return chain[0];
    }

    /** "EC" or "RSA". */
    public String keyAlgorithm() {
        return key.getAlgorithm();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credential c && name.equals(c.name) && key.equals(c.key) && Arrays.equals(chain, c.chain);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, key, Arrays.hashCode(chain));
    }

    @Override
    public String toString() {
        return "Credential[" + name + ", " + key.getAlgorithm() + ", " + leaf().getSubjectX500Principal() + "]";
    }
}
