package dev.xtls.message;

import dev.xtls.message.ext.CertificateAuthorities;
import dev.xtls.message.ext.Cookie;
import dev.xtls.message.ext.EarlyData;
import dev.xtls.message.ext.KeyShareClientHello;
import dev.xtls.message.ext.KeyShareHelloRetryRequest;
import dev.xtls.message.ext.KeyShareServerHello;
import dev.xtls.message.ext.MaxEarlyDataSize;
import dev.xtls.message.ext.OfferedPsks;
import dev.xtls.message.ext.PostHandshakeAuth;
import dev.xtls.message.ext.PskKeyExchangeModes;
import dev.xtls.message.ext.RenegotiationInfo;
import dev.xtls.message.ext.SelectedPsk;
import dev.xtls.message.ext.SelectedVersion;
import dev.xtls.message.ext.ServerNameList;
import dev.xtls.message.ext.SessionTicketExtension;
import dev.xtls.message.ext.SignatureAlgorithms;
import dev.xtls.message.ext.SupportedGroups;
import dev.xtls.message.ext.SupportedVersions;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.HandshakeType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Every handshake message of the RFC 8448 traces (§3-§7) decodes and encodes back byte for byte. */
class Rfc8448ReencodeTest {
    /** record_size_limit (RFC 8449) and padding (RFC 7685) have no typed view yet; all others in the traces do. */
    private static final Set<ExtensionType> UNTYPED = Set.of(ExtensionType.RECORD_SIZE_LIMIT, new ExtensionType(21));

    private static final Map<ExtensionType, Function<Bytes, Extension>> CLIENT_HELLO = Map.of(
            ExtensionType.SERVER_NAME, d -> ServerNameList.decode(d).toExtension(),
            ExtensionType.RENEGOTIATION_INFO, d -> RenegotiationInfo.decode(d).toExtension(),
            ExtensionType.SUPPORTED_GROUPS, d -> SupportedGroups.decode(d).toExtension(),
            ExtensionType.SESSION_TICKET, d -> SessionTicketExtension.decode(d).toExtension(),
            ExtensionType.KEY_SHARE, d -> KeyShareClientHello.decode(d).toExtension(),
            ExtensionType.SUPPORTED_VERSIONS, d -> SupportedVersions.decode(d).toExtension(),
            ExtensionType.SIGNATURE_ALGORITHMS, d -> SignatureAlgorithms.decode(d).toExtension(),
            ExtensionType.PSK_KEY_EXCHANGE_MODES, d -> PskKeyExchangeModes.decode(d).toExtension(),
            ExtensionType.PRE_SHARED_KEY, d -> OfferedPsks.decode(d).toExtension(),
            ExtensionType.EARLY_DATA, d -> EarlyData.decode(d).toExtension());
    private static final Map<ExtensionType, Function<Bytes, Extension>> CLIENT_HELLO_MORE = Map.of(
            ExtensionType.COOKIE, d -> Cookie.decode(d).toExtension(),
            ExtensionType.POST_HANDSHAKE_AUTH, d -> PostHandshakeAuth.decode(d).toExtension());
    private static final Map<ExtensionType, Function<Bytes, Extension>> SERVER_HELLO = Map.of(
            ExtensionType.KEY_SHARE, d -> KeyShareServerHello.decode(d).toExtension(),
            ExtensionType.SUPPORTED_VERSIONS, d -> SelectedVersion.decode(d).toExtension(),
            ExtensionType.PRE_SHARED_KEY, d -> SelectedPsk.decode(d).toExtension());
    private static final Map<ExtensionType, Function<Bytes, Extension>> HELLO_RETRY_REQUEST = Map.of(
            ExtensionType.KEY_SHARE, d -> KeyShareHelloRetryRequest.decode(d).toExtension(),
            ExtensionType.SUPPORTED_VERSIONS, d -> SelectedVersion.decode(d).toExtension(),
            ExtensionType.COOKIE, d -> Cookie.decode(d).toExtension());
    private static final Map<ExtensionType, Function<Bytes, Extension>> ENCRYPTED_EXTENSIONS = Map.of(
            ExtensionType.SERVER_NAME, d -> ServerNameList.checkServerAck(d).toExtension(),
            ExtensionType.SUPPORTED_GROUPS, d -> SupportedGroups.decode(d).toExtension(),
            ExtensionType.EARLY_DATA, d -> EarlyData.decode(d).toExtension());
    private static final Map<ExtensionType, Function<Bytes, Extension>> NEW_SESSION_TICKET = Map.of(
            ExtensionType.EARLY_DATA, d -> MaxEarlyDataSize.decode(d).toExtension());
    private static final Map<ExtensionType, Function<Bytes, Extension>> CERTIFICATE_REQUEST = Map.of(
            ExtensionType.SIGNATURE_ALGORITHMS, d -> SignatureAlgorithms.decode(d).toExtension(),
            ExtensionType.SIGNATURE_ALGORITHMS_CERT,
            d -> SignatureAlgorithms.decode(d).toExtension(ExtensionType.SIGNATURE_ALGORITHMS_CERT),
            ExtensionType.CERTIFICATE_AUTHORITIES, d -> CertificateAuthorities.decode(d).toExtension());

    static Stream<String> messages() {
        return StreamSupport.stream(Rfc8448Messages.keys().spliterator(), false)
                .filter(k -> !k.endsWith("_prefix"));
    }

    /** The decoded message and the extension blocks it carries, with the typed views that apply to them. */
    private record Decoded(HandshakeMessage message, List<Typed> extensionBlocks) {
    }

    private record Typed(Extensions extensions, Map<ExtensionType, Function<Bytes, Extension>> views) {
    }

    private static Decoded decode(String key) {
        byte[] body = Rfc8448Messages.body(key);
        HandshakeType type = Rfc8448Messages.type(key);
        return switch (type.code()) {
            case 1 -> {
                ClientHello m = ClientHello.decode(body);
                Map<ExtensionType, Function<Bytes, Extension>> views = new HashMap<>(CLIENT_HELLO);
                views.putAll(CLIENT_HELLO_MORE);
                yield new Decoded(m, List.of(new Typed(m.extensions(), views)));
            }
            case 2 -> {
                ServerHello m = ServerHello.decode(body);
                yield new Decoded(m, List.of(new Typed(m.extensions(),
                        HelloRetryRequest.isHelloRetryRequest(m) ? HELLO_RETRY_REQUEST : SERVER_HELLO)));
            }
            case 4 -> {
                Tls13NewSessionTicket m = Tls13NewSessionTicket.decode(body);
                yield new Decoded(m, List.of(new Typed(m.extensions(), NEW_SESSION_TICKET)));
            }
            case 5 -> new Decoded(EndOfEarlyData.decode(body), List.of());
            case 8 -> {
                EncryptedExtensions m = EncryptedExtensions.decode(body);
                yield new Decoded(m, List.of(new Typed(m.extensions(), ENCRYPTED_EXTENSIONS)));
            }
            case 11 -> {
                Tls13Certificate m = Tls13Certificate.decode(body);
                yield new Decoded(m, m.entries().stream().map(e -> new Typed(e.extensions(), Map.of())).toList());
            }
            case 13 -> {
                Tls13CertificateRequest m = Tls13CertificateRequest.decode(body);
                yield new Decoded(m, List.of(new Typed(m.extensions(), CERTIFICATE_REQUEST)));
            }
            case 15 -> new Decoded(CertificateVerify.decode(body), List.of());
            case 20 -> new Decoded(Finished.decode(body, 32), List.of());
            default -> throw new AssertionError(key + ": no decoder for " + type);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void decodedMessageEncodesToTheRfcBytes(String key) {
        HandshakeMessage m = decode(key).message();
        assertEquals(Rfc8448Messages.type(key), m.type());
        assertArrayEquals(Rfc8448Messages.message(key), m.encode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void everyExtensionInTheTraceHasATypedViewThatEncodesToTheRfcBytes(String key) {
        for (Typed block : decode(key).extensionBlocks()) {
            for (Extension e : block.extensions().list()) {
                if (UNTYPED.contains(e.type())) {
                    continue;
                }
                Function<Bytes, Extension> view = block.views().get(e.type());
                assertNotNull(view, () -> key + ": no typed view for " + e.type());
                assertEquals(e, view.apply(e.data()), () -> key + ": " + e.type());
            }
        }
    }
}
