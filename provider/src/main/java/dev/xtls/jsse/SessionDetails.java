package dev.xtls.jsse;

import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.SignatureScheme;

/**
 * What an {@link XtlsSession} negotiated beyond the {@code SSLSession} methods, for logs and tests. It holds no
 * secret: the session state with the master secret stays inside the provider.
 *
 * @param group the key exchange group; null for RSA key transport or an unnamed DH group
 * @param peerSignatureScheme the scheme the peer signed its key exchange or CertificateVerify with, or null
 * @param applicationProtocol the ALPN result: null until known, "" when none
 * @param extendedMasterSecret RFC 7627 was used
 * @param encryptThenMac RFC 7366 was negotiated (CBC suites only)
 */
public record SessionDetails(NamedGroup group, SignatureScheme peerSignatureScheme, String applicationProtocol,
        boolean extendedMasterSecret, boolean encryptThenMac) {
}
