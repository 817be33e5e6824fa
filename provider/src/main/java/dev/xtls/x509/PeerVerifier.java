package dev.xtls.x509;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.TlsException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * How the handshake checks the peer's chain: the JSSE layer implements it over the user's
 * {@code X509ExtendedTrustManager} so that endpoint identification in the SSLParameters applies. A rejected
 * chain throws {@link dev.xtls.wire.TlsException} with the matching alert and a message naming the certificate
 * and the reason.
 */
public interface PeerVerifier {
    /** Trusts no chain: what a connection keeps once no certificate may arrive without a new handshake. */
    PeerVerifier NONE = new PeerVerifier() {
        @Override
        public void verifyServer(List<X509Certificate> chain, String authType) {
            throw new TlsException(AlertDescription.CERTIFICATE_UNKNOWN, "no certificate is accepted here");
        }

        @Override
        public void verifyClient(List<X509Certificate> chain, String authType) {
            verifyServer(chain, authType);
        }

        @Override
        public List<Bytes> acceptedIssuerNames() {
            return List.of();
        }
    };

    void verifyServer(List<X509Certificate> chain, String authType);

    void verifyClient(List<X509Certificate> chain, String authType);

    /** DER names of the CAs whose certificates we accept, for the CertificateRequest (RFC 5246 §7.4.4). */
    List<Bytes> acceptedIssuerNames();
}
