package dev.xtls.handshake.client;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.RenegotiationContext;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.TlsException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/**
 * The server may not change its certificate in a renegotiation unless the policy allows it
 * (jdk.tls.allowUnsafeServerCertChange): with EMS it closes the triple handshake attack (RFC 7627 §1). Stricter
 * than SunJSSE, which accepts a new certificate with the same identity: the leaf must be the same encoding.
 */
final class ServerIdentity {
    private ServerIdentity() {
    }

    static void checkUnchanged(HandshakeContext ctx, List<X509Certificate> chain) {
        RenegotiationContext previous = ctx.renegotiation();
        if (previous.isInitial() || ctx.config().renegotiation().allowServerCertChange()) {
            return;
        }
        if (previous.serverChain().isEmpty() || chain.isEmpty()
                || !Arrays.equals(encoded(previous.serverChain().get(0)), encoded(chain.get(0)))) {
            throw new TlsException(AlertDescription.BAD_CERTIFICATE, "the server presented a different"
                    + " certificate in the renegotiation (" + subject(chain) + ", before "
                    + subject(previous.serverChain()) + "); server certificate change is refused unless the"
                    + " system property jdk.tls.allowUnsafeServerCertChange=true");
        }
    }

    private static String subject(List<X509Certificate> chain) {
        return chain.isEmpty() ? "none" : chain.get(0).getSubjectX500Principal().getName();
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new TlsException(AlertDescription.BAD_CERTIFICATE, "cannot encode a server certificate: " + e, e);
        }
    }
}
