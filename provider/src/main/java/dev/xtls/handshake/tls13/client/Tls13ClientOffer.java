package dev.xtls.handshake.tls13.client;

import dev.xtls.crypto.KeyShare;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.SignatureScheme;
import java.util.List;
import java.util.Set;

/**
 * What a ClientHello offering TLS 1.3 bounds the server to: the 1.3 suites, the one key share sent (its private
 * half), the legacy_session_id to be echoed (RFC 8446 §4.1.3), the signature schemes, the extensions sent and
 * the ALPN protocols.
 */
public record Tls13ClientOffer(List<CipherSuite> suites, KeyShare share, Bytes sessionId,
        List<SignatureScheme> schemes, Set<ExtensionType> extensionTypes, List<String> alpn) {
    public Tls13ClientOffer {
        suites = List.copyOf(suites);
        schemes = List.copyOf(schemes);
        extensionTypes = Set.copyOf(extensionTypes);
        alpn = List.copyOf(alpn);
    }

    boolean offered(ExtensionType type) {
        return extensionTypes.contains(type);
    }
}
