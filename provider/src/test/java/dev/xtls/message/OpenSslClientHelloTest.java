package dev.xtls.message;

import dev.xtls.message.ext.EcPointFormats;
import dev.xtls.message.ext.EncryptThenMac;
import dev.xtls.message.ext.ExtendedMasterSecret;
import dev.xtls.message.ext.ServerNameList;
import dev.xtls.message.ext.SessionTicketExtension;
import dev.xtls.message.ext.SignatureAlgorithms;
import dev.xtls.message.ext.SupportedGroups;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.SignatureScheme;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A ClientHello that OpenSSL 3.0 sent to a loopback listener (see the resource's header for how). */
class OpenSslClientHelloTest {
    private static final byte[] BODY = load("openssl-client-hello.hex");
    private static final ClientHello HELLO = ClientHello.decode(BODY);

    private static byte[] load(String name) {
        try (InputStream in = OpenSslClientHelloTest.class.getResourceAsStream(name)) {
            String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(l -> !l.startsWith("#")).collect(Collectors.joining());
            return HexFormat.of().parseHex(hex.strip());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Bytes data(ExtensionType type) {
        return HELLO.extensions().find(type).orElseThrow().data();
    }

    @Test
    void reencodesToTheSameBytes() {
        assertArrayEquals(BODY, CodecCase.body(HELLO));
    }

    @Test
    void offersTls12WithoutSessionIdAndOnlyNullCompression() {
        assertEquals(ProtocolVersion.TLS12, HELLO.legacyVersion());
        assertEquals(Bytes.EMPTY, HELLO.sessionId());
        assertEquals(Bytes.of(new byte[] {0}), HELLO.compressionMethods());
    }

    @Test
    void offersItsSuitesInPreferenceOrderEndingWithTheRenegotiationScsv() {
        List<CipherSuite> suites = HELLO.cipherSuites();
        assertEquals(28, suites.size());
        assertEquals(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, suites.get(0));
        assertTrue(suites.contains(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256));
        assertEquals(CipherSuite.TLS_EMPTY_RENEGOTIATION_INFO_SCSV, suites.get(suites.size() - 1));
    }

    @Test
    void carriesTheExpectedExtensionsInOrder() {
        assertEquals(List.of(ExtensionType.SERVER_NAME, ExtensionType.EC_POINT_FORMATS,
                ExtensionType.SUPPORTED_GROUPS, ExtensionType.SESSION_TICKET, ExtensionType.ENCRYPT_THEN_MAC,
                ExtensionType.EXTENDED_MASTER_SECRET, ExtensionType.SIGNATURE_ALGORITHMS), HELLO.extensions().types());
    }

    @Test
    void namesTheServerExampleCom() {
        assertEquals(List.of("example.com"), ServerNameList.decode(data(ExtensionType.SERVER_NAME)).hostNames());
    }

    @Test
    void offersX25519FirstAndTheNistCurves() {
        assertEquals(List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.X448, NamedGroup.SECP521R1,
                NamedGroup.SECP384R1), SupportedGroups.decode(data(ExtensionType.SUPPORTED_GROUPS)).groups());
        assertTrue(EcPointFormats.decode(data(ExtensionType.EC_POINT_FORMATS)).includesUncompressed());
    }

    @Test
    void offersTwentySignatureSchemesStartingWithEcdsaP256() {
        List<SignatureScheme> schemes =
                SignatureAlgorithms.decode(data(ExtensionType.SIGNATURE_ALGORITHMS)).schemes();
        assertEquals(20, schemes.size());
        assertEquals(SignatureScheme.ECDSA_SECP256R1_SHA256, schemes.get(0));
        assertTrue(schemes.contains(SignatureScheme.RSA_PSS_RSAE_SHA256));
        assertTrue(schemes.contains(SignatureScheme.ED25519));
    }

    @Test
    void asksForATicketAndOffersEmsAndEncryptThenMac() {
        assertEquals(SessionTicketExtension.EMPTY, SessionTicketExtension.decode(data(ExtensionType.SESSION_TICKET)));
        assertEquals(ExtendedMasterSecret.INSTANCE,
                ExtendedMasterSecret.decode(data(ExtensionType.EXTENDED_MASTER_SECRET)));
        assertEquals(EncryptThenMac.INSTANCE, EncryptThenMac.decode(data(ExtensionType.ENCRYPT_THEN_MAC)));
    }
}
