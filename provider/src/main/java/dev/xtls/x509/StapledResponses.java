package dev.xtls.x509;

import dev.xtls.wire.Bytes;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Server: the OCSP response to staple for a certificate chain (RFC 6066 §8). Called on the handshake path, so it
 * answers from what it already has and never waits for a responder.
 */
public interface StapledResponses {
    /** The DER OCSPResponse for {@code chain}'s leaf, if one is at hand now. */
    Optional<Bytes> ocspResponse(List<X509Certificate> chain);
}
