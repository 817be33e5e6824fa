package dev.xtls.message;

import dev.xtls.message.ext.AlpnProtocols;
import dev.xtls.message.ext.EcPointFormats;
import dev.xtls.message.ext.EarlyData;
import dev.xtls.message.ext.EncryptThenMac;
import dev.xtls.message.ext.ExtendedMasterSecret;
import dev.xtls.message.ext.MaxEarlyDataSize;
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
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.SignatureScheme;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Realistic handshake messages, with GREASE values (RFC 8701) and unknown extensions where a peer may send them. */
public final class MessageSamples {
    public static final CipherSuite GREASE_SUITE = new CipherSuite(0x0A0A);
    public static final ExtensionType GREASE_EXTENSION = new ExtensionType(0x1A1A);
    public static final NamedGroup GREASE_GROUP = new NamedGroup(0x2A2A);
    public static final SignatureScheme GREASE_SCHEME = new SignatureScheme(0x3A3A);

    private MessageSamples() {
    }

    /** Deterministic filler for keys, signatures and randoms. */
    public static Bytes bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return Bytes.wrap(b);
    }

    /** A DER-looking blob: SEQUENCE with a two-byte length, then filler. */
    public static Bytes der(int n, long seed) {
        byte[] b = bytes(n, seed).toByteArray();
        b[0] = 0x30;
        b[1] = (byte) 0x82;
        b[2] = (byte) ((n - 4) >>> 8);
        b[3] = (byte) (n - 4);
        return Bytes.wrap(b);
    }

    public static Extensions clientExtensions() {
        return Extensions.of(
                new Extension(GREASE_EXTENSION, Bytes.EMPTY),
                ServerNameList.ofHostNames(List.of("www.example.com")).toExtension(),
                ExtendedMasterSecret.extension(),
                RenegotiationInfo.INITIAL.toExtension(),
                new SupportedGroups(List.of(GREASE_GROUP, NamedGroup.X25519, NamedGroup.SECP256R1,
                        NamedGroup.SECP384R1, NamedGroup.FFDHE2048)).toExtension(),
                EcPointFormats.ONLY_UNCOMPRESSED.toExtension(),
                SessionTicketExtension.EMPTY.toExtension(),
                AlpnProtocols.of("\n\n", "h2", "http/1.1").toExtension(),
                EncryptThenMac.extension(),
                new SignatureAlgorithms(List.of(GREASE_SCHEME, SignatureScheme.ECDSA_SECP256R1_SHA256,
                        SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PKCS1_SHA256,
                        SignatureScheme.ED25519)).toExtension(),
                new Extension(new ExtensionType(0x7777), Bytes.of("unknown".getBytes())),
                new Extension(new ExtensionType(0xFAFA), Bytes.of(new byte[] {0})));
    }

    public static ClientHello clientHello() {
        return new ClientHello(ProtocolVersion.TLS12, bytes(32, 1), bytes(32, 2),
                List.of(GREASE_SUITE, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, new CipherSuite(0xCCA8),
                        new CipherSuite(0x009E), new CipherSuite(0x002F),
                        CipherSuite.TLS_EMPTY_RENEGOTIATION_INFO_SCSV),
                Bytes.of(new byte[] {0}), clientExtensions());
    }

    public static ServerHello serverHello() {
        return new ServerHello(ProtocolVersion.TLS12, bytes(32, 3), Bytes.EMPTY,
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, ServerHello.NULL_COMPRESSION,
                Extensions.of(RenegotiationInfo.INITIAL.toExtension(), ServerNameList.serverAck(),
                        ExtendedMasterSecret.extension(), EcPointFormats.ONLY_UNCOMPRESSED.toExtension(),
                        SessionTicketExtension.EMPTY.toExtension(), AlpnProtocols.of("h2").toExtension()));
    }

    /** A user mapping hint of an unknown type beside the UPN one (RFC 4681 §3: the server uses what it knows). */
    public static UserMappingDataList userMappingDataList() {
        return new UserMappingDataList(List.of(new UserMappingData(0x7F, bytes(5, 40)),
                new UpnDomainHint("alice@example.com", "").toUserMappingData()));
    }

    /** user_mapping_data and a private-use type (RFC 4680 §5: 65280-65535). */
    public static SupplementalData supplementalData() {
        return new SupplementalData(List.of(new SupplementalDataEntry(SupplementalDataEntry.USER_MAPPING_DATA,
                userMappingDataList().encode()), new SupplementalDataEntry(0xFF00, bytes(20, 41)),
                new SupplementalDataEntry(0xFF01, Bytes.EMPTY)));
    }

    private static int withoutExtensions(ClientHello h) {
        return CodecCase.body(new ClientHello(h.legacyVersion(), h.random(), h.sessionId(), h.cipherSuites(),
                h.compressionMethods(), Extensions.EMPTY)).length;
    }

    private static int withoutExtensions(ServerHello h) {
        return CodecCase.body(new ServerHello(h.version(), h.random(), h.sessionId(), h.cipherSuite(),
                h.compressionMethod(), Extensions.EMPTY)).length;
    }

    /** A TLS 1.3 server chain: OCSP staple on the leaf, an unknown extension on the intermediate (RFC 8446 §4.4.2). */
    public static Tls13Certificate tls13Certificate() {
        return new Tls13Certificate(Bytes.EMPTY, List.of(
                new CertificateEntry(der(800, 50), Extensions.of(new Extension(ExtensionType.STATUS_REQUEST,
                        bytes(60, 51)))),
                new CertificateEntry(der(700, 52), Extensions.of(new Extension(GREASE_EXTENSION, Bytes.EMPTY))),
                CertificateEntry.of(der(600, 53))));
    }

    public static List<CodecCase<?>> all() {
        return Stream.concat(tls12().stream(), tls13().stream()).toList();
    }

    private static List<CodecCase<?>> tls13() {
        return List.of(
                CodecCase.message("EncryptedExtensions", new EncryptedExtensions(Extensions.of(
                        new SupportedGroups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1)).toExtension(),
                        ServerNameList.serverAck(), AlpnProtocols.of("h2").toExtension(), EarlyData.extension(),
                        new Extension(GREASE_EXTENSION, Bytes.EMPTY))), EncryptedExtensions::decode),
                CodecCase.message("empty EncryptedExtensions", new EncryptedExtensions(Extensions.EMPTY),
                        EncryptedExtensions::decode),
                CodecCase.message("TLS 1.3 Certificate", tls13Certificate(), Tls13Certificate::decode),
                CodecCase.message("TLS 1.3 Certificate post-handshake, empty", new Tls13Certificate(bytes(16, 54),
                        List.of()), Tls13Certificate::decode),
                CodecCase.message("TLS 1.3 CertificateRequest", new Tls13CertificateRequest(bytes(8, 55),
                        Extensions.of(new SignatureAlgorithms(List.of(SignatureScheme.ECDSA_SECP256R1_SHA256,
                                SignatureScheme.RSA_PSS_RSAE_SHA256, GREASE_SCHEME)).toExtension(),
                                new Extension(ExtensionType.CERTIFICATE_AUTHORITIES, bytes(40, 56)))),
                        Tls13CertificateRequest::decode),
                CodecCase.message("TLS 1.3 NewSessionTicket", new Tls13NewSessionTicket(
                        Tls13NewSessionTicket.MAX_LIFETIME_SECONDS, 0xFAD6AAC5L, bytes(8, 57), bytes(200, 58),
                        Extensions.of(new MaxEarlyDataSize(16384).toExtension(),
                                new Extension(GREASE_EXTENSION, Bytes.EMPTY))), Tls13NewSessionTicket::decode),
                CodecCase.message("TLS 1.3 NewSessionTicket minimal", new Tls13NewSessionTicket(0, 0, Bytes.EMPTY,
                        bytes(1, 59), Extensions.EMPTY), Tls13NewSessionTicket::decode),
                CodecCase.message("KeyUpdate update_requested", KeyUpdate.REQUESTED, KeyUpdate::decode),
                CodecCase.message("KeyUpdate update_not_requested", KeyUpdate.NOT_REQUESTED, KeyUpdate::decode),
                CodecCase.message("EndOfEarlyData", EndOfEarlyData.INSTANCE, EndOfEarlyData::decode),
                CodecCase.message("message_hash", new MessageHash(bytes(48, 60)), MessageHash::decode)
                        .withValidPrefixes(n -> n > 0),
                CodecCase.message("TLS 1.3 CertificateVerify", new CertificateVerify(SignatureScheme.ED25519,
                        bytes(64, 61)), CertificateVerify::decode),
                CodecCase.message("TLS 1.3 Finished SHA-384", new Finished(bytes(48, 62)),
                        b -> Finished.decode(b, 48)));
    }

    private static List<CodecCase<?>> tls12() {
        ClientHello ch = clientHello();
        ServerHello sh = serverHello();
        return List.of(
                CodecCase.message("ClientHello", ch, ClientHello::decode).withValidPrefix(withoutExtensions(ch)),
                CodecCase.message("ClientHello without extensions", new ClientHello(ProtocolVersion.TLS12,
                        bytes(32, 4), Bytes.EMPTY, List.of(new CipherSuite(0x002F)), Bytes.of(new byte[] {1, 0}),
                        Extensions.EMPTY), ClientHello::decode),
                CodecCase.message("ServerHello", sh, ServerHello::decode).withValidPrefix(withoutExtensions(sh)),
                CodecCase.message("ServerHello without extensions", new ServerHello(ProtocolVersion.TLS12,
                        bytes(32, 5), bytes(32, 6), new CipherSuite(0x009C), 0, Extensions.EMPTY),
                        ServerHello::decode),
                CodecCase.message("Certificate", new CertificateMessage(List.of(der(1200, 7), der(900, 8))),
                        CertificateMessage::decode),
                CodecCase.message("empty Certificate", new CertificateMessage(List.of()),
                        CertificateMessage::decode),
                CodecCase.message("ECDHE ServerKeyExchange x25519", new EcdheServerKeyExchange(NamedGroup.X25519,
                        bytes(32, 9), SignatureScheme.ECDSA_SECP256R1_SHA256, der(71, 10)),
                        EcdheServerKeyExchange::decode),
                CodecCase.message("ECDHE ServerKeyExchange secp256r1", new EcdheServerKeyExchange(
                        NamedGroup.SECP256R1, bytes(65, 11), SignatureScheme.RSA_PSS_RSAE_SHA256, bytes(256, 12)),
                        EcdheServerKeyExchange::decode),
                CodecCase.message("DHE ServerKeyExchange", new DheServerKeyExchange(bytes(256, 13),
                        Bytes.of(new byte[] {2}), bytes(256, 14), SignatureScheme.RSA_PKCS1_SHA256, bytes(256, 15)),
                        DheServerKeyExchange::decode),
                CodecCase.message("CertificateRequest", new CertificateRequest(
                        List.of(CertificateRequest.RSA_SIGN, CertificateRequest.ECDSA_SIGN, 2),
                        List.of(SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA256,
                                GREASE_SCHEME), List.of(der(90, 16), der(120, 17))),
                        CertificateRequest::decode),
                CodecCase.message("CertificateRequest without authorities", new CertificateRequest(
                        List.of(CertificateRequest.ECDSA_SIGN), List.of(SignatureScheme.ED25519), List.of()),
                        CertificateRequest::decode),
                CodecCase.message("ServerHelloDone", ServerHelloDone.INSTANCE, ServerHelloDone::decode),
                CodecCase.message("HelloRequest", HelloRequest.INSTANCE, HelloRequest::decode),
                CodecCase.message("ECDH ClientKeyExchange", new EcdhClientKeyExchange(bytes(65, 18)),
                        EcdhClientKeyExchange::decode),
                CodecCase.message("DH ClientKeyExchange", new DhClientKeyExchange(bytes(256, 19)),
                        DhClientKeyExchange::decode),
                CodecCase.message("RSA ClientKeyExchange", new RsaClientKeyExchange(bytes(256, 20)),
                        RsaClientKeyExchange::decode),
                CodecCase.message("CertificateVerify", new CertificateVerify(SignatureScheme.RSA_PSS_RSAE_SHA256,
                        bytes(256, 21)), CertificateVerify::decode),
                CodecCase.message("Finished", new Finished(bytes(12, 22)),
                        b -> Finished.decode(b, Finished.DEFAULT_VERIFY_DATA_LENGTH)),
                CodecCase.message("NewSessionTicket", new NewSessionTicket(7200, bytes(192, 23)),
                        NewSessionTicket::decode),
                CodecCase.message("NewSessionTicket without ticket", new NewSessionTicket(0xFFFFFFFFL, Bytes.EMPTY),
                        NewSessionTicket::decode),
                CodecCase.message("SupplementalData", supplementalData(), SupplementalData::decode),
                CodecCase.of("UserMappingDataList", userMappingDataList(), l -> l.encode().toByteArray(),
                        b -> UserMappingDataList.decode(Bytes.of(b))),
                CodecCase.of("UpnDomainHint", new UpnDomainHint("j\u00f6rg@corp.example.com", "corp.example.com"),
                        h -> h.encode().toByteArray(), b -> UpnDomainHint.decode(Bytes.of(b))),
                CodecCase.of("UpnDomainHint domain only", new UpnDomainHint("", "example.org"),
                        h -> h.encode().toByteArray(), b -> UpnDomainHint.decode(Bytes.of(b))),
                CodecCase.of("Alert", Alert.fatal(AlertDescription.HANDSHAKE_FAILURE), Alert::encode,
                        Alert::decode));
    }
}
