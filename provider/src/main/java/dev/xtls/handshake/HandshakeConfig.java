package dev.xtls.handshake;

import dev.xtls.crypto.TlsCrypto;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.x509.CredentialSource;
import dev.xtls.x509.PeerVerifier;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Everything one connection's handshake is allowed to do, fixed when the handshake starts. The JSSE layer
 * builds it from the SSLParameters and the context; tests build it directly.
 *
 * @param serverNames client: host names to send in server_name (RFC 6066 §3), never IP literals
 * @param peerHost the host the application connected to (may be null), for the session and the trust manager
 * @param maxHandshakeMessageSize larger handshake messages are refused before they are buffered
 * @param extendedMasterSecret offer/accept RFC 7627
 * @param applicationProtocols ALPN (RFC 7301)
 * @param serverNameMatcher server: accepts or refuses a requested host name (SNIMatchers); null accepts all
 * @param clock current time in milliseconds, injected so tests can pin it
 * @param sessionStore where sessions are found for resumption and kept when new ({@link SessionStore#NONE}: never)
 * @param sessionCreation false: the handshake may only resume a session (SSLEngine.setEnableSessionCreation)
 * @param supplementalData the SupplementalData types (RFC 4680) this side sends or accepts
 * @param renegotiation which renegotiations (RFC 5746) this side takes part in
 * @param recordSizes max_fragment_length, record_size_limit and the packet size cap (RFC 6066 §4, RFC 8449)
 * @param stapling OCSP stapling (RFC 6066 §8): whether the client asks, where the server's responses come from
 * @param keyLog where the handshake's secrets go for a debugger ({@link KeyLogSink#NONE}: nowhere)
 */
public record HandshakeConfig(
        boolean clientMode,
        List<ProtocolVersion> versions,
        List<CipherSuite> cipherSuites,
        List<NamedGroup> namedGroups,
        List<SignatureScheme> signatureSchemes,
        boolean honorServerCipherSuiteOrder,
        ClientAuth clientAuth,
        List<String> serverNames,
        String peerHost,
        int peerPort,
        int maxHandshakeMessageSize,
        boolean extendedMasterSecret,
        ApplicationProtocols applicationProtocols,
        Predicate<String> serverNameMatcher,
        TlsCrypto crypto,
        CredentialSource credentials,
        PeerVerifier peerVerifier,
        LongSupplier clock,
        SessionStore sessionStore,
        boolean sessionCreation,
        SupplementalDataTypes supplementalData,
        RenegotiationPolicy renegotiation,
        RecordSizePolicy recordSizes,
        OcspStapling stapling,
        KeyLogSink keyLog) {

    /** A configuration that neither resumes nor keeps sessions. */
    public HandshakeConfig(boolean clientMode, List<ProtocolVersion> versions, List<CipherSuite> cipherSuites,
            List<NamedGroup> namedGroups, List<SignatureScheme> signatureSchemes, boolean honorServerCipherSuiteOrder,
            ClientAuth clientAuth, List<String> serverNames, String peerHost, int peerPort,
            int maxHandshakeMessageSize, boolean extendedMasterSecret, ApplicationProtocols applicationProtocols,
            Predicate<String> serverNameMatcher, TlsCrypto crypto, CredentialSource credentials,
            PeerVerifier peerVerifier, LongSupplier clock) {
        this(clientMode, versions, cipherSuites, namedGroups, signatureSchemes, honorServerCipherSuiteOrder,
                clientAuth, serverNames, peerHost, peerPort, maxHandshakeMessageSize, extendedMasterSecret,
                applicationProtocols, serverNameMatcher, crypto, credentials, peerVerifier, clock, SessionStore.NONE,
                true);
    }

    /** A configuration without SupplementalData types and with the default renegotiation policy. */
    public HandshakeConfig(boolean clientMode, List<ProtocolVersion> versions, List<CipherSuite> cipherSuites,
            List<NamedGroup> namedGroups, List<SignatureScheme> signatureSchemes, boolean honorServerCipherSuiteOrder,
            ClientAuth clientAuth, List<String> serverNames, String peerHost, int peerPort,
            int maxHandshakeMessageSize, boolean extendedMasterSecret, ApplicationProtocols applicationProtocols,
            Predicate<String> serverNameMatcher, TlsCrypto crypto, CredentialSource credentials,
            PeerVerifier peerVerifier, LongSupplier clock, SessionStore sessionStore, boolean sessionCreation) {
        this(clientMode, versions, cipherSuites, namedGroups, signatureSchemes, honorServerCipherSuiteOrder,
                clientAuth, serverNames, peerHost, peerPort, maxHandshakeMessageSize, extendedMasterSecret,
                applicationProtocols, serverNameMatcher, crypto, credentials, peerVerifier, clock, sessionStore,
                sessionCreation, SupplementalDataTypes.NONE, RenegotiationPolicy.DEFAULT);
    }

    /** A configuration with the default record sizes, without OCSP stapling, logging no secrets. */
    public HandshakeConfig(boolean clientMode, List<ProtocolVersion> versions, List<CipherSuite> cipherSuites,
            List<NamedGroup> namedGroups, List<SignatureScheme> signatureSchemes, boolean honorServerCipherSuiteOrder,
            ClientAuth clientAuth, List<String> serverNames, String peerHost, int peerPort,
            int maxHandshakeMessageSize, boolean extendedMasterSecret, ApplicationProtocols applicationProtocols,
            Predicate<String> serverNameMatcher, TlsCrypto crypto, CredentialSource credentials,
            PeerVerifier peerVerifier, LongSupplier clock, SessionStore sessionStore, boolean sessionCreation,
            SupplementalDataTypes supplementalData, RenegotiationPolicy renegotiation) {
        this(clientMode, versions, cipherSuites, namedGroups, signatureSchemes, honorServerCipherSuiteOrder,
                clientAuth, serverNames, peerHost, peerPort, maxHandshakeMessageSize, extendedMasterSecret,
                applicationProtocols, serverNameMatcher, crypto, credentials, peerVerifier, clock, sessionStore,
                sessionCreation, supplementalData, renegotiation, RecordSizePolicy.DEFAULT, OcspStapling.NONE,
                KeyLogSink.NONE);
    }

    public HandshakeConfig {
        Objects.requireNonNull(sessionStore, "sessionStore");
        Objects.requireNonNull(recordSizes, "recordSizes");
        Objects.requireNonNull(keyLog, "keyLog");
        Objects.requireNonNull(supplementalData, "supplementalData");
        Objects.requireNonNull(renegotiation, "renegotiation");
        Objects.requireNonNull(stapling, "stapling");
        versions = List.copyOf(versions);
        cipherSuites = List.copyOf(cipherSuites);
        namedGroups = List.copyOf(namedGroups);
        signatureSchemes = List.copyOf(signatureSchemes);
        serverNames = List.copyOf(serverNames);
    }
}
