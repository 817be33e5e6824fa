package dev.xtls.session;

import dev.xtls.crypto.Secret;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.SignatureScheme;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * What a handshake established (or has established so far, for the handshake session). Immutable: the
 * handshake replaces it with a {@code with*} copy as it learns more. Fields not yet known are null or empty.
 *
 * @param encryptThenMac RFC 7366 negotiated (CBC suites only)
 * @param applicationProtocol the ALPN result; null until known, "" when none
 * @param peerSignatureScheme the scheme the peer signed its key exchange or CertificateVerify with
 * @param localSignatureSchemes the schemes we offered/accepted (ExtendedSSLSession.getLocalSupportedSignatureAlgorithms)
 * @param encryptThenMac RFC 7366 negotiated (CBC suites only)
 * @param peerSignatureSchemes the schemes the peer offered (ExtendedSSLSession.getPeerSupportedSignatureAlgorithms)
 * @param ticket client: the RFC 5077 ticket the server issued for this session; empty when none
 * @param pskTicket TLS 1.3 resumption (RFC 8446 §4.6.1): what the ticket carried besides the PSK, which is then
 *                  {@code masterSecret}; null for every other session
 * @param supplementalData server: the supp_data the client sent, by SupplementalDataType (RFC 4680 §2); kept
 *                         with the session, so a resumption (which exchanges none) still shows it
 * @param statusResponses client: the DER OCSP responses the server stapled, leaf first (RFC 6066 §8); empty when
 *                        none (ExtendedSSLSession.getStatusResponses)
 * @param localAlias the key manager alias {@code localCertificates} came from: a server's ticket names its chain by
 *                   it; null when none
 */
public record SessionState(
        Bytes sessionId,
        ProtocolVersion version,
        CipherSuite cipherSuite,
        Secret masterSecret,
        boolean extendedMasterSecret,
        boolean encryptThenMac,
        String applicationProtocol,
        NamedGroup group,
        SignatureScheme peerSignatureScheme,
        List<X509Certificate> peerCertificates,
        List<X509Certificate> localCertificates,
        List<String> requestedServerNames,
        List<SignatureScheme> localSignatureSchemes,
        List<SignatureScheme> peerSignatureSchemes,
        String peerHost,
        int peerPort,
        long creationTimeMillis,
        Bytes ticket,
        Map<Integer, Bytes> supplementalData,
        PskTicket pskTicket,
        List<Bytes> statusResponses,
        String localAlias) {

    public SessionState {
        peerCertificates = List.copyOf(peerCertificates);
        localCertificates = List.copyOf(localCertificates);
        requestedServerNames = List.copyOf(requestedServerNames);
        localSignatureSchemes = List.copyOf(localSignatureSchemes);
        peerSignatureSchemes = List.copyOf(peerSignatureSchemes);
        ticket = ticket == null ? Bytes.EMPTY : ticket;
        supplementalData = Map.copyOf(supplementalData);
        statusResponses = List.copyOf(statusResponses);
    }

    /** A session that knows only the peer and the time, as at the start of a handshake. */
    public static SessionState initial(String peerHost, int peerPort, long nowMillis) {
        return new SessionState(Bytes.EMPTY, null, null, null, false, false, null, null, null, List.of(), List.of(), List.of(),
                List.of(), List.of(), peerHost, peerPort, nowMillis, Bytes.EMPTY, Map.of(), null, List.of(), null);
    }

    public SessionState withNegotiated(Bytes id, ProtocolVersion v, CipherSuite suite) {
        return new SessionState(id, v, suite, masterSecret, extendedMasterSecret, encryptThenMac, applicationProtocol, group, peerSignatureScheme,
                peerCertificates, localCertificates, requestedServerNames, localSignatureSchemes,
                peerSignatureSchemes, peerHost, peerPort, creationTimeMillis, ticket, supplementalData, pskTicket,
                statusResponses, localAlias);
    }

    public SessionState withMasterSecret(Secret secret, boolean extended) {
        return new SessionState(sessionId, version, cipherSuite, secret, extended, encryptThenMac, applicationProtocol, group, peerSignatureScheme,
                peerCertificates, localCertificates, requestedServerNames, localSignatureSchemes,
                peerSignatureSchemes, peerHost, peerPort, creationTimeMillis, ticket, supplementalData, pskTicket,
                statusResponses, localAlias);
    }

    /** RFC 7366: CBC records are MACed after encryption. */
    public SessionState withEncryptThenMac(boolean etm) {
        return new SessionState(sessionId, version, cipherSuite, masterSecret, extendedMasterSecret, etm, applicationProtocol, group,
                peerSignatureScheme, peerCertificates, localCertificates, requestedServerNames, localSignatureSchemes,
                peerSignatureSchemes, peerHost, peerPort, creationTimeMillis, ticket, supplementalData, pskTicket,
                statusResponses, localAlias);
    }

    /** The ALPN result (RFC 7301): the protocol, or "" when none was negotiated. */
    public SessionState withApplicationProtocol(String protocol) {
        return new SessionState(sessionId, version, cipherSuite, masterSecret, extendedMasterSecret, encryptThenMac,
                protocol, group, peerSignatureScheme, peerCertificates, localCertificates, requestedServerNames,
                localSignatureSchemes, peerSignatureSchemes, peerHost, peerPort, creationTimeMillis, ticket,
                supplementalData, pskTicket, statusResponses, localAlias);
    }

    public SessionState withKeyExchange(NamedGroup g, SignatureScheme peerScheme) {
        return new SessionState(sessionId, version, cipherSuite, masterSecret, extendedMasterSecret, encryptThenMac, applicationProtocol, g,
                peerScheme,
                peerCertificates, localCertificates, requestedServerNames, localSignatureSchemes,
                peerSignatureSchemes, peerHost, peerPort, creationTimeMillis, ticket, supplementalData, pskTicket,
                statusResponses, localAlias);
    }

    public SessionState withPeerCertificates(List<X509Certificate> chain) {
        return new SessionState(sessionId, version, cipherSuite, masterSecret, extendedMasterSecret, encryptThenMac, applicationProtocol, group,
                peerSignatureScheme, chain, localCertificates, requestedServerNames, localSignatureSchemes,
                peerSignatureSchemes, peerHost, peerPort, creationTimeMillis, ticket, supplementalData, pskTicket,
                statusResponses, localAlias);
    }

    /** Our chain and the key manager alias it came from (null if none). */
    public SessionState withLocalCertificates(List<X509Certificate> chain, String alias) {
        return new SessionState(sessionId, version, cipherSuite, masterSecret, extendedMasterSecret, encryptThenMac, applicationProtocol, group,
                peerSignatureScheme, peerCertificates, chain, requestedServerNames, localSignatureSchemes,
                peerSignatureSchemes, peerHost, peerPort, creationTimeMillis, ticket, supplementalData, pskTicket,
                statusResponses, alias);
    }

    public SessionState withServerNames(List<String> names) {
        return new SessionState(sessionId, version, cipherSuite, masterSecret, extendedMasterSecret, encryptThenMac, applicationProtocol, group,
                peerSignatureScheme, peerCertificates, localCertificates, names, localSignatureSchemes,
                peerSignatureSchemes, peerHost, peerPort, creationTimeMillis, ticket, supplementalData, pskTicket,
                statusResponses, localAlias);
    }

    /** A peer list equal to ours is kept as ours: a session between like peers holds one list, not two. */
    public SessionState withSignatureSchemes(List<SignatureScheme> local, List<SignatureScheme> peer) {
        List<SignatureScheme> ours = List.copyOf(local);
        List<SignatureScheme> theirs = ours.equals(peer) ? ours : peer;
        return new SessionState(sessionId, version, cipherSuite, masterSecret, extendedMasterSecret, encryptThenMac, applicationProtocol, group,
                peerSignatureScheme, peerCertificates, localCertificates, requestedServerNames, ours, theirs,
                peerHost, peerPort, creationTimeMillis, ticket, supplementalData, pskTicket, statusResponses,
                localAlias);
    }

    /** Client: the ticket to offer when resuming (RFC 5077 §3.3); empty forgets a ticket the server withdrew. */
    public SessionState withTicket(Bytes newTicket) {
        return new SessionState(sessionId, version, cipherSuite, masterSecret, extendedMasterSecret, encryptThenMac,
                applicationProtocol, group, peerSignatureScheme, peerCertificates, localCertificates,
                requestedServerNames, localSignatureSchemes, peerSignatureSchemes, peerHost, peerPort,
                creationTimeMillis, newTicket, supplementalData, pskTicket, statusResponses, localAlias);
    }

    /** Server: what the client sent in SupplementalData (RFC 4680 §2), by type. */
    public SessionState withSupplementalData(Map<Integer, Bytes> received) {
        return new SessionState(sessionId, version, cipherSuite, masterSecret, extendedMasterSecret, encryptThenMac,
                applicationProtocol, group, peerSignatureScheme, peerCertificates, localCertificates,
                requestedServerNames, localSignatureSchemes, peerSignatureSchemes, peerHost, peerPort,
                creationTimeMillis, ticket, received, pskTicket, statusResponses, localAlias);
    }

    /** TLS 1.3 resumption: the ticket's age_add, issue time and lifetime (RFC 8446 §4.6.1); {@code psk} its PSK. */
    public SessionState withPskTicket(Secret psk, PskTicket t) {
        return new SessionState(sessionId, version, cipherSuite, psk, false, false, applicationProtocol, group,
                peerSignatureScheme, peerCertificates, localCertificates, requestedServerNames, localSignatureSchemes,
                peerSignatureSchemes, peerHost, peerPort, creationTimeMillis, ticket, supplementalData, t,
                statusResponses, localAlias);
    }

    /** Client: the OCSP responses stapled to the server's Certificate (RFC 6066 §8, RFC 8446 §4.4.2.1). */
    public SessionState withStatusResponses(List<Bytes> responses) {
        return new SessionState(sessionId, version, cipherSuite, masterSecret, extendedMasterSecret, encryptThenMac,
                applicationProtocol, group, peerSignatureScheme, peerCertificates, localCertificates,
                requestedServerNames, localSignatureSchemes, peerSignatureSchemes, peerHost, peerPort,
                creationTimeMillis, ticket, supplementalData, pskTicket, responses, localAlias);
    }

    /**
     * The session as an invalidated one keeps it (RFC 5246 §7.2.2: never resumed again): without the ticket, the
     * master secret (or TLS 1.3 PSK) and the ticket's age data, which only a resumption needs.
     */
    public SessionState withoutResumption() {
        return new SessionState(sessionId, version, cipherSuite, null, extendedMasterSecret, encryptThenMac,
                applicationProtocol, group, peerSignatureScheme, peerCertificates, localCertificates,
                requestedServerNames, localSignatureSchemes, peerSignatureSchemes, peerHost, peerPort,
                creationTimeMillis, Bytes.EMPTY, supplementalData, null, statusResponses, localAlias);
    }

    /** Whether {@code names} are the server names this session was requested for, ignoring case (RFC 4343). */
    public boolean requestedServerNamesEqual(List<String> names) {
        if (names.size() != requestedServerNames.size()) {
            return false;
        }
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).equalsIgnoreCase(requestedServerNames.get(i))) {
                return false;
            }
        }
        return true;
    }
}
