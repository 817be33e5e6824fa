package dev.xtls.x509;

import dev.xtls.wire.Bytes;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * How the handshake checks the peer's chain: the JSSE layer implements it over the user's
 * {@code X509ExtendedTrustManager} so that endpoint identification in the SSLParameters applies. A rejected
 * chain throws {@link dev.xtls.wire.TlsException} with the matching alert and a message naming the certificate
 * and the reason.
 */
public interface PeerVerifier {
    void verifyServer(List<X509Certificate> chain, String authType);

    void verifyClient(List<X509Certificate> chain, String authType);

    /** DER names of the CAs whose certificates we accept, for the CertificateRequest (RFC 5246 §7.4.4). */
    List<Bytes> acceptedIssuerNames();
}
