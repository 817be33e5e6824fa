package dev.xtls.x509;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** A certificate chain (end entity first) and the private key of its first certificate, possibly in a token. */
public record CertifiedKey(String alias, List<X509Certificate> chain, PrivateKey privateKey) {
    public CertifiedKey {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("empty certificate chain for alias " + alias);
        }
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }
}
