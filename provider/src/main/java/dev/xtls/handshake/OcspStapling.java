package dev.xtls.handshake;

import dev.xtls.x509.StapledResponses;

/**
 * OCSP stapling (RFC 6066 §8, RFC 8446 §4.4.2.1) for one handshake.
 *
 * @param clientRequests client: send status_request (SunJSSE's jdk.tls.client.enableStatusRequestExtension)
 * @param serverResponses server: where stapled responses come from; null when the server does not staple
 *                        (jdk.tls.server.enableStatusRequestExtension false)
 */
public record OcspStapling(boolean clientRequests, StapledResponses serverResponses) {
    public static final OcspStapling NONE = new OcspStapling(false, null);

    public boolean serverStaples() {
        return serverResponses != null;
    }
}
