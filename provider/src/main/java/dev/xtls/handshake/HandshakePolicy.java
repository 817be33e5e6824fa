package dev.xtls.handshake;

import dev.xtls.crypto.TlsCrypto;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.SignatureScheme;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The part of a {@link HandshakeConfig} that names no connection: what a handshake may negotiate and how. Equal
 * settings give equal policies, so the connections of one SSLContext with the same settings share one instance
 * (issue 13); what binds to one connection (its peer, managers' view, session store) stays in the config.
 *
 * @param maxHandshakeMessageSize larger handshake messages are refused before they are buffered
 * @param extendedMasterSecret offer/accept RFC 7627
 * @param applicationProtocols ALPN (RFC 7301)
 * @param serverNameMatcher server: accepts or refuses a requested host name (SNIMatchers); null accepts all
 * @param clock current time in milliseconds, injected so tests can pin it
 * @param sessionCreation false: the handshake may only resume a session (SSLEngine.setEnableSessionCreation)
 * @param supplementalData the SupplementalData types (RFC 4680) this side sends or accepts
 * @param renegotiation which renegotiations (RFC 5746) this side takes part in
 * @param recordSizes max_fragment_length, record_size_limit and the packet size cap (RFC 6066 §4, RFC 8449)
 * @param stapling OCSP stapling (RFC 6066 §8): whether the client asks, where the server's responses come from
 * @param keyLog where the handshake's secrets go for a debugger ({@link KeyLogSink#NONE}: nowhere)
 */
public record HandshakePolicy(
        boolean clientMode,
        List<ProtocolVersion> versions,
        List<CipherSuite> cipherSuites,
        List<NamedGroup> namedGroups,
        List<SignatureScheme> signatureSchemes,
        boolean honorServerCipherSuiteOrder,
        ClientAuth clientAuth,
        int maxHandshakeMessageSize,
        boolean extendedMasterSecret,
        ApplicationProtocols applicationProtocols,
        Predicate<String> serverNameMatcher,
        TlsCrypto crypto,
        LongSupplier clock,
        boolean sessionCreation,
        SupplementalDataTypes supplementalData,
        RenegotiationPolicy renegotiation,
        RecordSizePolicy recordSizes,
        OcspStapling stapling,
        KeyLogSink keyLog) {

    public HandshakePolicy {
        Objects.requireNonNull(recordSizes, "recordSizes");
        Objects.requireNonNull(keyLog, "keyLog");
        Objects.requireNonNull(supplementalData, "supplementalData");
        Objects.requireNonNull(renegotiation, "renegotiation");
        Objects.requireNonNull(stapling, "stapling");
        versions = List.copyOf(versions);
        cipherSuites = List.copyOf(cipherSuites);
        namedGroups = List.copyOf(namedGroups);
        signatureSchemes = List.copyOf(signatureSchemes);
    }

    /** Holds no callback bound to one connection (SNIMatchers, an ALPN selector): connections may share it. */
    public boolean shareable() {
        return serverNameMatcher == null && applicationProtocols.selector() == null;
    }
}
