package dev.xtls.x509;

import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * Where the handshake gets its own certificate: the JSSE layer implements it over the user's
 * {@code X509ExtendedKeyManager}, passing the engine or socket so the manager can see the connection.
 */
public interface CredentialSource {
    /** No certificate and no key manager: what a connection keeps once it answers no more CertificateRequests. */
    CredentialSource NONE = new CredentialSource() {
        @Override
        public Optional<CertifiedKey> chooseServerCredential(String keyType, List<String> requestedHostNames) {
            return Optional.empty();
        }

        @Override
        public Optional<CertifiedKey> chooseClientCredential(List<String> keyTypes, List<X500Principal> issuers) {
            return Optional.empty();
        }

        @Override
        public boolean hasKeyManager() {
            return false;
        }
    };

    /**
     * Server side: a credential for the first JSSE key type in {@code keyTypes} ("EC", "RSA", ...) that the key
     * manager has, given the host names the client asked for (RFC 6066 §3), in preference order.
     */
    Optional<CertifiedKey> chooseServerCredential(String keyType, List<String> requestedHostNames);

    /** Client side: a credential for one of {@code keyTypes}, issued by one of {@code issuers} (may be empty). */
    Optional<CertifiedKey> chooseClientCredential(List<String> keyTypes, List<X500Principal> issuers);

    /** Client: a key manager is there at all, so a CertificateRequest after the handshake can be answered. */
    boolean hasKeyManager();
}
