package dev.xtls.message.ext;

import dev.xtls.message.CodecCase;
import dev.xtls.message.Extension;
import dev.xtls.message.MessageSamples;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.SignatureScheme;

import java.util.List;
import java.util.function.Function;

/** Every typed extension with a realistic value, as a codec over extension_data. */
public final class ExtensionSamples {
    private ExtensionSamples() {
    }

    private static <T> CodecCase<T> ext(String name, T value, Function<T, Extension> toExtension,
                                        Function<Bytes, T> decode) {
        return CodecCase.of(name, value, v -> toExtension.apply(v).data().toByteArray(),
                b -> decode.apply(Bytes.of(b)));
    }

    public static List<CodecCase<?>> all() {
        return List.of(
                ext("server_name", ServerNameList.ofHostNames(List.of("api.example.org")),
                        ServerNameList::toExtension, ServerNameList::decode),
                ext("server_name with an unknown name type", new ServerNameList(List.of(
                        ServerName.hostName("a.example"), new ServerName(7, Bytes.of(new byte[] {1, 2, 3})))),
                        ServerNameList::toExtension, ServerNameList::decode),
                ext("server_name server ack", ServerNameList.SERVER_ACK, ServerNameList::toExtension,
                        ServerNameList::checkServerAck),
                ext("supported_groups", new SupportedGroups(List.of(MessageSamples.GREASE_GROUP, NamedGroup.X25519,
                        NamedGroup.SECP256R1, NamedGroup.X448, NamedGroup.FFDHE3072, new NamedGroup(0x11EC))),
                        SupportedGroups::toExtension, SupportedGroups::decode),
                ext("ec_point_formats", new EcPointFormats(Bytes.of(new byte[] {0, 1, 2})),
                        EcPointFormats::toExtension, EcPointFormats::decode),
                ext("signature_algorithms", new SignatureAlgorithms(List.of(MessageSamples.GREASE_SCHEME,
                        SignatureScheme.ECDSA_SECP384R1_SHA384, SignatureScheme.RSA_PSS_PSS_SHA512,
                        SignatureScheme.RSA_PKCS1_SHA1)), SignatureAlgorithms::toExtension,
                        SignatureAlgorithms::decode),
                ext("signature_algorithms_cert", new SignatureAlgorithms(List.of(SignatureScheme.ED448)),
                        s -> s.toExtension(ExtensionType.SIGNATURE_ALGORITHMS_CERT), SignatureAlgorithms::decode),
                ext("renegotiation_info initial", RenegotiationInfo.INITIAL, RenegotiationInfo::toExtension,
                        RenegotiationInfo::decode),
                ext("renegotiation_info renegotiating", new RenegotiationInfo(MessageSamples.bytes(24, 30)),
                        RenegotiationInfo::toExtension, RenegotiationInfo::decode),
                ext("extended_master_secret", ExtendedMasterSecret.INSTANCE, ExtendedMasterSecret::toExtension,
                        ExtendedMasterSecret::decode),
                ext("encrypt_then_mac", EncryptThenMac.INSTANCE, EncryptThenMac::toExtension,
                        EncryptThenMac::decode),
                ext("alpn", AlpnProtocols.of("\u001a\u001a", "h2", "http/1.1", "\u00ff\u0000\u0080"),
                        AlpnProtocols::toExtension, AlpnProtocols::decode),
                ext("session_ticket with ticket", new SessionTicketExtension(MessageSamples.bytes(180, 31)),
                        SessionTicketExtension::toExtension, SessionTicketExtension::decode)
                        .withValidPrefixes(n -> true),
                ext("user_mapping", UserMappingTypeList.of(64, 0x7F, 0xFF), UserMappingTypeList::toExtension,
                        UserMappingTypeList::decode),
                ext("session_ticket empty", SessionTicketExtension.EMPTY, SessionTicketExtension::toExtension,
                        SessionTicketExtension::decode),
                ext("supported_versions client", new SupportedVersions(List.of(new ProtocolVersion(0x7A7A),
                        ProtocolVersion.TLS13, ProtocolVersion.TLS12)), SupportedVersions::toExtension,
                        SupportedVersions::decode),
                ext("supported_versions server", SelectedVersion.TLS13, SelectedVersion::toExtension,
                        SelectedVersion::decode),
                ext("key_share client", new KeyShareClientHello(List.of(
                        new KeyShareEntry(MessageSamples.GREASE_GROUP, Bytes.of(new byte[] {0})),
                        new KeyShareEntry(NamedGroup.X25519, MessageSamples.bytes(32, 70)),
                        new KeyShareEntry(NamedGroup.SECP256R1, MessageSamples.bytes(65, 71)))),
                        KeyShareClientHello::toExtension, KeyShareClientHello::decode),
                ext("key_share client empty", new KeyShareClientHello(List.of()), KeyShareClientHello::toExtension,
                        KeyShareClientHello::decode),
                ext("key_share server", new KeyShareServerHello(new KeyShareEntry(NamedGroup.X448,
                        MessageSamples.bytes(56, 72))), KeyShareServerHello::toExtension, KeyShareServerHello::decode),
                ext("key_share hello retry request", new KeyShareHelloRetryRequest(NamedGroup.FFDHE2048),
                        KeyShareHelloRetryRequest::toExtension, KeyShareHelloRetryRequest::decode),
                ext("pre_shared_key client", new OfferedPsks(List.of(
                        new PskIdentity(MessageSamples.bytes(120, 73), 0xFFFFFFFFL),
                        new PskIdentity(Bytes.of(new byte[] {1}), 0)),
                        List.of(MessageSamples.bytes(32, 74), MessageSamples.bytes(48, 75))),
                        OfferedPsks::toExtension, OfferedPsks::decode),
                ext("pre_shared_key server", new SelectedPsk(1), SelectedPsk::toExtension, SelectedPsk::decode),
                ext("psk_key_exchange_modes", PskKeyExchangeModes.of(PskKeyExchangeModes.PSK_DHE_KE,
                        PskKeyExchangeModes.PSK_KE, 0x0B), PskKeyExchangeModes::toExtension,
                        PskKeyExchangeModes::decode),
                ext("early_data empty", EarlyData.INSTANCE, EarlyData::toExtension, EarlyData::decode),
                ext("early_data max_early_data_size", new MaxEarlyDataSize(0xFFFFFFFFL),
                        MaxEarlyDataSize::toExtension, MaxEarlyDataSize::decode),
                ext("cookie", new Cookie(MessageSamples.bytes(116, 76)), Cookie::toExtension, Cookie::decode),
                ext("post_handshake_auth", PostHandshakeAuth.INSTANCE, PostHandshakeAuth::toExtension,
                        PostHandshakeAuth::decode),
                ext("certificate_authorities", new CertificateAuthorities(List.of(MessageSamples.der(60, 77),
                        MessageSamples.der(90, 78))), CertificateAuthorities::toExtension,
                        CertificateAuthorities::decode));
    }
}
