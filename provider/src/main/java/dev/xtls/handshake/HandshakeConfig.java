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
 * Everything one connection's handshake is allowed to do, fixed when the handshake starts: the shared
 * {@link HandshakePolicy} and what binds to this connection (its peer, the managers called with its engine, its view
 * of the session cache). The JSSE layer builds it from the SSLParameters and the context; tests build it directly.
 *
 * @param policy what the handshake may negotiate; shared by the connections with the same settings
 * @param serverNames client: host names to send in server_name (RFC 6066 §3), never IP literals
 * @param peerHost the host the application connected to (may be null), for the session and the trust manager
 * @param sessionStore where sessions are found for resumption and kept when new ({@link SessionStore#NONE}: never)
 */
public record HandshakeConfig(
        HandshakePolicy policy,
        List<String> serverNames,
        String peerHost,
        int peerPort,
        CredentialSource credentials,
        PeerVerifier peerVerifier,
        SessionStore sessionStore) {

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

    /** A configuration from each of its parts, as the record used to be built. */
    public HandshakeConfig(boolean clientMode, List<ProtocolVersion> versions, List<CipherSuite> cipherSuites,
            List<NamedGroup> namedGroups, List<SignatureScheme> signatureSchemes, boolean honorServerCipherSuiteOrder,
            ClientAuth clientAuth, List<String> serverNames, String peerHost, int peerPort,
            int maxHandshakeMessageSize, boolean extendedMasterSecret, ApplicationProtocols applicationProtocols,
            Predicate<String> serverNameMatcher, TlsCrypto crypto, CredentialSource credentials,
            PeerVerifier peerVerifier, LongSupplier clock, SessionStore sessionStore, boolean sessionCreation,
            SupplementalDataTypes supplementalData, RenegotiationPolicy renegotiation, RecordSizePolicy recordSizes,
            OcspStapling stapling, KeyLogSink keyLog) {
        this(new HandshakePolicy(clientMode, versions, cipherSuites, namedGroups, signatureSchemes,
                honorServerCipherSuiteOrder, clientAuth, maxHandshakeMessageSize, extendedMasterSecret,
                applicationProtocols, serverNameMatcher, crypto, clock, sessionCreation, supplementalData,
                renegotiation, recordSizes, stapling, keyLog), serverNames, peerHost, peerPort, credentials,
                peerVerifier, sessionStore);
    }

    public HandshakeConfig {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(sessionStore, "sessionStore");
        serverNames = List.copyOf(serverNames);
    }


    /**
     * This config without what binds it to its engine (the managers, the session store): all a TLS 1.2 connection
     * or a TLS 1.3 server reads once established (RFC 5746: a renegotiation gets a config of its own).
     */
    public HandshakeConfig unbound() {
        if (credentials == CredentialSource.NONE && peerVerifier == PeerVerifier.NONE
                && sessionStore == SessionStore.NONE) {
            return this;
        }
        return new HandshakeConfig(policy, List.of(), peerHost, peerPort, CredentialSource.NONE, PeerVerifier.NONE,
                SessionStore.NONE);
    }

    // the policy's parts, read through the config as the handshake states always have

    public boolean clientMode() {
        return policy.clientMode();
    }

    public List<ProtocolVersion> versions() {
        return policy.versions();
    }

    public List<CipherSuite> cipherSuites() {
        return policy.cipherSuites();
    }

    public List<NamedGroup> namedGroups() {
        return policy.namedGroups();
    }

    public List<SignatureScheme> signatureSchemes() {
        return policy.signatureSchemes();
    }

    public boolean honorServerCipherSuiteOrder() {
        return policy.honorServerCipherSuiteOrder();
    }

    public ClientAuth clientAuth() {
        return policy.clientAuth();
    }

    public int maxHandshakeMessageSize() {
        return policy.maxHandshakeMessageSize();
    }

    public boolean extendedMasterSecret() {
        return policy.extendedMasterSecret();
    }

    public ApplicationProtocols applicationProtocols() {
        return policy.applicationProtocols();
    }

    public Predicate<String> serverNameMatcher() {
        return policy.serverNameMatcher();
    }

    public TlsCrypto crypto() {
        return policy.crypto();
    }

    public LongSupplier clock() {
        return policy.clock();
    }

    public boolean sessionCreation() {
        return policy.sessionCreation();
    }

    public SupplementalDataTypes supplementalData() {
        return policy.supplementalData();
    }

    public RenegotiationPolicy renegotiation() {
        return policy.renegotiation();
    }

    public RecordSizePolicy recordSizes() {
        return policy.recordSizes();
    }

    public OcspStapling stapling() {
        return policy.stapling();
    }

    public KeyLogSink keyLog() {
        return policy.keyLog();
    }
}
