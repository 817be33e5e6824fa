package dev.xtls.x509;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Locale;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSession;
import javax.net.ssl.StandardConstants;

/**
 * The identity check an endpoint identification algorithm asks for, as SunJSSE's trust manager makes it: a
 * server's certificate must name the SNI host name the client requested, else (or if the SNI name is not the peer
 * host and fails) the peer host; a client's certificate must name the peer host.
 */
final class EndpointIdentification {
    private EndpointIdentification() {
    }

    /** Nothing to check when {@code algorithm} is null or empty. */
    static void check(String algorithm, SSLSession session, X509Certificate leaf, boolean checkingClient)
            throws CertificateException {
        if (algorithm == null || algorithm.isEmpty()) {
            return;
        }
        String alg = algorithm.toUpperCase(Locale.ROOT);
        // RFC 2818 §3.1 (HTTPS); RFC 2830 §3.6 / RFC 4513 §3.1.3 (LDAPS), which SunJSSE treats alike
        if (!alg.equals("HTTPS") && !alg.equals("LDAPS") && !alg.equals("LDAP")) {
            throw new CertificateException("unknown endpoint identification algorithm " + algorithm
                    + " (known: HTTPS, LDAPS)");
        }
        String peerHost = session.getPeerHost();
        if (!checkingClient) {
            String sniName = requestedHostName(session);
            if (sniName != null) {
                try {
                    HostnameMatcher.check(sniName, leaf);
                    return;
                } catch (CertificateException e) {
                    if (sniName.equalsIgnoreCase(peerHost)) {
                        throw e;
                    }
                }
            }
        }
        HostnameMatcher.check(peerHost, leaf);
    }

    /** The first host_name in the server_name extension the client sent (RFC 6066 §3); null if none. */
    private static String requestedHostName(SSLSession session) {
        if (!(session instanceof ExtendedSSLSession extended)) {
            return null;
        }
        for (SNIServerName name : extended.getRequestedServerNames()) {
            if (name.getType() != StandardConstants.SNI_HOST_NAME) {
                continue;
            }
            try {
                return name instanceof SNIHostName h ? h.getAsciiName() : new SNIHostName(name.getEncoded())
                        .getAsciiName();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
