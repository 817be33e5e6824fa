package dev.xtls.handshake.tls13.server;

import dev.xtls.handshake.tls13.Tls13Suite;
import dev.xtls.message.ext.KeyShareEntry;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.x509.CertifiedKey;
import java.util.List;

/**
 * What the server chose for a TLS 1.3 ClientHello: suite, the client's key share it answers, certificate and
 * CertificateVerify scheme, the host names asked for and the client's signature schemes.
 */
record Tls13ServerChoice(Tls13Suite suite, KeyShareEntry clientShare, CertifiedKey credential,
        SignatureScheme scheme, List<String> serverNames, List<SignatureScheme> clientSchemes) {
}
