package dev.xtls.handshake.server;

import dev.xtls.handshake.RenegotiationContext;
import dev.xtls.message.ClientHello;
import dev.xtls.message.Extension;
import dev.xtls.message.ext.AlpnProtocols;
import dev.xtls.message.ext.EcPointFormats;
import dev.xtls.message.ext.EncryptThenMac;
import dev.xtls.message.ext.RenegotiationInfo;
import dev.xtls.message.ext.ServerNameList;
import dev.xtls.message.ext.SessionTicketExtension;
import dev.xtls.message.ext.SignatureAlgorithms;
import dev.xtls.message.ext.SupportedGroups;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.wire.TlsException;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * The parts of a ClientHello the server negotiates with, checked for consistency; {@code alpn} null if absent,
 * {@code sessionTicket} null without the SessionTicket extension and empty when the client has no ticket yet.
 */
record ClientHelloOffer(ClientHello hello, List<NamedGroup> groups, boolean groupsSent,
        List<SignatureScheme> schemes, List<String> serverNames, boolean pointFormatsSent,
        boolean extendedMasterSecret, boolean secureRenegotiation, boolean encryptThenMac, List<String> alpn,
        Bytes sessionTicket) {

    // RFC 5246 §7.4.1.4.1: without signature_algorithms the client is taken to support {sha1, sig}
    private static final List<SignatureScheme> DEFAULT_SCHEMES = List.of(SignatureScheme.RSA_PKCS1_SHA1,
            SignatureScheme.ECDSA_SHA1);

    /**
     * {@code serverSchemes}: the server's enabled schemes, which decide whether the SHA-1 default may apply;
     * {@code previous}: the handshake a renegotiation must be bound to.
     */
    static ClientHelloOffer of(ClientHello hello, List<SignatureScheme> serverSchemes,
            RenegotiationContext previous) {
        Optional<Extension> groups = hello.extensions().find(ExtensionType.SUPPORTED_GROUPS);
        Optional<Extension> schemes = hello.extensions().find(ExtensionType.SIGNATURE_ALGORITHMS);
        Optional<Extension> sni = hello.extensions().find(ExtensionType.SERVER_NAME);
        Optional<Extension> formats = hello.extensions().find(ExtensionType.EC_POINT_FORMATS);
        Optional<Extension> ems = hello.extensions().find(ExtensionType.EXTENDED_MASTER_SECRET);
        Optional<Extension> ri = hello.extensions().find(ExtensionType.RENEGOTIATION_INFO);
        if (formats.isPresent() && !EcPointFormats.decode(formats.get().data()).includesUncompressed()) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER,
                    "client's ec_point_formats lacks the uncompressed format (RFC 8422 §5.1.2)");
        }
        boolean scsv = hello.cipherSuites().contains(CipherSuite.TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
        checkRenegotiationInfo(ri.map(e -> RenegotiationInfo.decode(e.data()).renegotiatedConnection()), scsv,
                previous);
        if (ems.isPresent() && !ems.get().data().isEmpty()) {
            throw new TlsException(AlertDescription.DECODE_ERROR, "extended_master_secret must be empty");
        }
        Optional<Extension> etm = hello.extensions().find(ExtensionType.ENCRYPT_THEN_MAC);
        etm.ifPresent(e -> EncryptThenMac.decode(e.data()));
        return new ClientHelloOffer(hello,
                groups.map(e -> SupportedGroups.decode(e.data()).groups()).orElse(List.of()),
                groups.isPresent(),
                schemes.isPresent() ? SignatureAlgorithms.decode(schemes.get().data()).schemes()
                        : defaultSchemes(serverSchemes),
                sni.map(e -> ServerNameList.decode(e.data()).hostNames()).orElse(List.of()),
                formats.isPresent(), ems.isPresent(), scsv || ri.isPresent(), etm.isPresent(),
                hello.extensions().find(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION)
                        .map(e -> AlpnProtocols.decode(e.data()).protocols()).orElse(null),
                hello.extensions().find(ExtensionType.SESSION_TICKET)
                        .map(e -> SessionTicketExtension.decode(e.data()).ticket()).orElse(null));
    }

    /** RFC 5746 §3.6 (initial handshake) and §3.7 (renegotiation: the client's verify_data, never the SCSV). */
    private static void checkRenegotiationInfo(Optional<Bytes> ri, boolean scsv, RenegotiationContext previous) {
        if (previous.isInitial()) {
            if (ri.isPresent() && !ri.get().isEmpty()) {
                throw new TlsException(AlertDescription.HANDSHAKE_FAILURE,
                        "non-empty renegotiation_info in an initial ClientHello (RFC 5746 §3.6)");
            }
            return;
        }
        if (scsv) {
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "renegotiation ClientHello carries"
                    + " TLS_EMPTY_RENEGOTIATION_INFO_SCSV, which is for initial handshakes only (RFC 5746 §3.7)");
        }
        if (ri.isEmpty()) {
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "renegotiation ClientHello lacks"
                    + " renegotiation_info: insecure renegotiation is not accepted (RFC 5746 §3.7)");
        }
        if (!MessageDigest.isEqual(ri.get().toByteArray(), previous.clientHelloInfo().toByteArray())) {
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "renegotiation_info in the renegotiation"
                    + " ClientHello does not match the client_verify_data of the previous handshake: the"
                    + " renegotiation is not bound to this connection (RFC 5746 §3.7)");
        }
    }

    /** RFC 9155 §3 forbids the SHA-1 default unless the server still enables a SHA-1 scheme for legacy peers. */
    private static List<SignatureScheme> defaultSchemes(List<SignatureScheme> serverSchemes) {
        if (serverSchemes.stream().noneMatch(SignatureScheme::usesSha1)) {
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "the client offered no signature_algorithms,"
                    + " and RFC 9155 forbids the SHA-1 default of RFC 5246 §7.4.1.4.1 that would apply; to accept"
                    + " such a legacy client, list rsa_pkcs1_sha1 or ecdsa_sha1 in the system property"
                    + " jdk.tls.server.SignatureSchemes");
        }
        return DEFAULT_SCHEMES;
    }
}
