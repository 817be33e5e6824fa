package dev.xtls.handshake.tls13.client;

import dev.xtls.crypto.KeyShare;
import dev.xtls.message.ClientHello;
import dev.xtls.session.SessionState;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.SignatureScheme;
import java.util.List;
import java.util.Set;

/**
 * What a ClientHello offering TLS 1.3 bounds the server to: the 1.3 suites, the groups, the one key share sent
 * (its private half), the signature schemes, the extensions sent and the ALPN protocols; {@code hello} itself, to
 * repeat it after a HelloRetryRequest (RFC 8446 §4.1.2). {@code retrySuite} is the suite a HelloRetryRequest
 * chose (null before one); {@code changeCipherSpecSent}: the compatibility ChangeCipherSpec went out already;
 * {@code ticket}: the TLS 1.3 ticket offered in pre_shared_key, its PSK as master secret (null: none).
 */
public record Tls13ClientOffer(ClientHello hello, List<CipherSuite> suites, List<NamedGroup> groups,
        KeyShare share, List<SignatureScheme> schemes, Set<ExtensionType> extensionTypes, List<String> alpn,
        CipherSuite retrySuite, boolean changeCipherSpecSent, SessionState ticket) {
    public Tls13ClientOffer {
        suites = List.copyOf(suites);
        groups = List.copyOf(groups);
        schemes = List.copyOf(schemes);
        extensionTypes = Set.copyOf(extensionTypes);
        alpn = List.copyOf(alpn);
    }

    /** The offer of a first ClientHello. */
    public Tls13ClientOffer(ClientHello hello, List<CipherSuite> suites, List<NamedGroup> groups, KeyShare share,
            List<SignatureScheme> schemes, List<String> alpn, SessionState ticket) {
        this(hello, suites, groups, share, schemes, Set.copyOf(hello.extensions().types()), alpn, null, false,
                ticket);
    }

    Bytes sessionId() {
        return hello.sessionId();
    }

    boolean offered(ExtensionType type) {
        return extensionTypes.contains(type);
    }

    /** The offer of the second ClientHello, answering a HelloRetryRequest that chose {@code suite}. */
    Tls13ClientOffer retried(ClientHello second, KeyShare newShare, CipherSuite suite, boolean ccsSent,
            SessionState keptTicket) {
        return new Tls13ClientOffer(second, suites, groups, newShare, schemes, Set.copyOf(second.extensions().types()),
                alpn, suite, ccsSent, keptTicket);
    }
}
