package dev.xtls.message;

import dev.xtls.message.ext.Cookie;
import dev.xtls.message.ext.EarlyData;
import dev.xtls.message.ext.KeyShareClientHello;
import dev.xtls.message.ext.KeyShareEntry;
import dev.xtls.message.ext.KeyShareHelloRetryRequest;
import dev.xtls.message.ext.KeyShareServerHello;
import dev.xtls.message.ext.MaxEarlyDataSize;
import dev.xtls.message.ext.OfferedPsks;
import dev.xtls.message.ext.PskIdentity;
import dev.xtls.message.ext.PskKeyExchangeModes;
import dev.xtls.message.ext.SelectedPsk;
import dev.xtls.message.ext.SelectedVersion;
import dev.xtls.message.ext.SignatureAlgorithms;
import dev.xtls.message.ext.SupportedVersions;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.SignatureScheme;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import static dev.xtls.message.Rfc8448Messages.body;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fields of the RFC 8448 trace messages, each value read off the RFC's hex. */
class Rfc8448FieldsTest {
    private static final List<CipherSuite> RFC8448_SUITES = List.of(new CipherSuite(0x1301), new CipherSuite(0x1303),
            new CipherSuite(0x1302));

    private static <T> T ext(Extensions block, ExtensionType type, Function<Bytes, T> view) {
        return view.apply(block.find(type).orElseThrow(() -> new AssertionError("no " + type)).data());
    }

    @Test
    void simpleHandshakeClientHelloOffersX25519AndTls13Only() {
        // RFC 8448 §3, {client} construct a ClientHello
        ClientHello ch = ClientHello.decode(body("s3.client.client_hello"));
        assertEquals(ProtocolVersion.TLS12, ch.legacyVersion());
        assertEquals(Bytes.fromHex("cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7"), ch.random());
        assertEquals(Bytes.EMPTY, ch.sessionId());
        assertEquals(RFC8448_SUITES, ch.cipherSuites());
        assertEquals(List.of(ExtensionType.SERVER_NAME, ExtensionType.RENEGOTIATION_INFO,
                ExtensionType.SUPPORTED_GROUPS, ExtensionType.SESSION_TICKET, ExtensionType.KEY_SHARE,
                ExtensionType.SUPPORTED_VERSIONS, ExtensionType.SIGNATURE_ALGORITHMS,
                ExtensionType.PSK_KEY_EXCHANGE_MODES, ExtensionType.RECORD_SIZE_LIMIT), ch.extensions().types());
        assertEquals(new KeyShareClientHello(List.of(new KeyShareEntry(NamedGroup.X25519,
                Bytes.fromHex("99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c")))),
                ext(ch.extensions(), ExtensionType.KEY_SHARE, KeyShareClientHello::decode));
        assertEquals(new SupportedVersions(List.of(ProtocolVersion.TLS13)),
                ext(ch.extensions(), ExtensionType.SUPPORTED_VERSIONS, SupportedVersions::decode));
        PskKeyExchangeModes modes = ext(ch.extensions(), ExtensionType.PSK_KEY_EXCHANGE_MODES,
                PskKeyExchangeModes::decode);
        assertEquals(PskKeyExchangeModes.of(PskKeyExchangeModes.PSK_DHE_KE), modes);
        assertTrue(modes.allows(PskKeyExchangeModes.PSK_DHE_KE));
        assertFalse(modes.allows(PskKeyExchangeModes.PSK_KE));
        assertEquals(15, ext(ch.extensions(), ExtensionType.SIGNATURE_ALGORITHMS, SignatureAlgorithms::decode)
                .schemes().size());
    }

    @Test
    void simpleHandshakeServerHelloSelectsTls13WithAnX25519Share() {
        // RFC 8448 §3, {server} construct a ServerHello
        ServerHello sh = ServerHello.decode(body("s3.server.server_hello"));
        assertEquals(ProtocolVersion.TLS12, sh.version());
        assertEquals(Bytes.fromHex("a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e26928"), sh.random());
        assertEquals(new CipherSuite(0x1301), sh.cipherSuite());
        assertFalse(HelloRetryRequest.isHelloRetryRequest(sh));
        assertTrue(DowngradeSentinel.find(sh.random()).isEmpty());
        assertEquals(new KeyShareServerHello(new KeyShareEntry(NamedGroup.X25519,
                Bytes.fromHex("c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f"))),
                ext(sh.extensions(), ExtensionType.KEY_SHARE, KeyShareServerHello::decode));
        assertEquals(SelectedVersion.TLS13,
                ext(sh.extensions(), ExtensionType.SUPPORTED_VERSIONS, SelectedVersion::decode));
    }

    @Test
    void simpleHandshakeEncryptedExtensionsCarryGroupsRecordSizeLimitAndServerNameAck() {
        // RFC 8448 §3, {server} construct an EncryptedExtensions
        EncryptedExtensions ee = EncryptedExtensions.decode(body("s3.server.encrypted_extensions"));
        assertEquals(List.of(ExtensionType.SUPPORTED_GROUPS, ExtensionType.RECORD_SIZE_LIMIT,
                ExtensionType.SERVER_NAME), ee.extensions().types());
        assertEquals(Bytes.EMPTY, ee.extensions().find(ExtensionType.SERVER_NAME).orElseThrow().data());
    }

    @Test
    void simpleHandshakeCertificateHoldsOneRsaCertificateWithoutEntryExtensions() throws Exception {
        // RFC 8448 §3, {server} construct a Certificate
        Tls13Certificate c = Tls13Certificate.decode(body("s3.server.certificate"));
        assertEquals(Bytes.EMPTY, c.requestContext());
        assertEquals(1, c.entries().size());
        assertEquals(Extensions.EMPTY, c.entries().get(0).extensions());
        assertEquals(0x1b0, c.entries().get(0).certData().length());
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(c.certificates().get(0).toByteArray()));
        assertEquals("CN=rsa", cert.getSubjectX500Principal().getName());
    }

    @Test
    void simpleHandshakeCertificateVerifyAndFinishedHaveTheRfcValues() {
        // RFC 8448 §3, {server} construct a CertificateVerify / Finished
        CertificateVerify cv = CertificateVerify.decode(body("s3.server.certificate_verify"));
        assertEquals(SignatureScheme.RSA_PSS_RSAE_SHA256, cv.scheme());
        assertEquals(128, cv.signature().length());
        assertEquals(0x5a, cv.signature().get(0));
        Finished fin = Finished.decode(body("s3.server.finished"), 32);
        assertEquals(Bytes.fromHex("9b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718"),
                fin.verifyData());
    }

    @Test
    void simpleHandshakeNewSessionTicketHasLifetimeAgeAddNonceAndEarlyDataLimit() {
        // RFC 8448 §3, {server} construct a NewSessionTicket
        Tls13NewSessionTicket t = Tls13NewSessionTicket.decode(body("s3.server.new_session_ticket"));
        assertEquals(30, t.lifetimeSeconds());
        assertEquals(0xfad6aac5L, t.ageAdd());
        assertEquals(Bytes.fromHex("0000"), t.nonce());
        assertEquals(0xb2, t.ticket().length());
        assertEquals(new MaxEarlyDataSize(0x400),
                ext(t.extensions(), ExtensionType.EARLY_DATA, MaxEarlyDataSize::decode));
    }

    @Test
    void resumedClientHelloOffersTheTicketWithItsBinderAsTheLastExtension() {
        // RFC 8448 §4, {client} send handshake record (the ClientHello with binders)
        ClientHello ch = ClientHello.decode(body("s4.client.client_hello"));
        List<ExtensionType> types = ch.extensions().types();
        assertEquals(ExtensionType.PRE_SHARED_KEY, types.get(types.size() - 1));
        assertEquals(EarlyData.INSTANCE, ext(ch.extensions(), ExtensionType.EARLY_DATA, EarlyData::decode));
        OfferedPsks psks = ext(ch.extensions(), ExtensionType.PRE_SHARED_KEY, OfferedPsks::decode);
        Bytes ticket = Tls13NewSessionTicket.decode(body("s3.server.new_session_ticket")).ticket();
        assertEquals(List.of(new PskIdentity(ticket, 0xfad6aacbL)), psks.identities());
        // RFC 8448 §4, {client} calculate PSK binder: finished (32 octets)
        assertEquals(List.of(Bytes.fromHex("3add4fb2d8fdf822a0ca3cf7678ef5e88dae990141c5924d57bb6fa31b9e5f9d")),
                psks.binders());
    }

    @Test
    void resumedClientHelloWithoutItsBindersIsTheRfcBinderPrefix() {
        // RFC 8446 §4.2.11.2: the binder covers the ClientHello up to and excluding the binders list
        byte[] full = Rfc8448Messages.message("s4.client.client_hello");
        OfferedPsks psks = ext(ClientHello.decode(body("s4.client.client_hello")).extensions(),
                ExtensionType.PRE_SHARED_KEY, OfferedPsks::decode);
        assertArrayEquals(Rfc8448Messages.message("s4.client.client_hello_prefix"),
                Arrays.copyOf(full, full.length - psks.bindersEncodedLength()));
    }

    @Test
    void binderPrefixDoesNotDependOnTheBinderValues() {
        // RFC 8446 §4.2.11.2: encode placeholder binders of the right length, hash the prefix, then fill them in
        ClientHello ch = ClientHello.decode(body("s4.client.client_hello"));
        OfferedPsks psks = ext(ch.extensions(), ExtensionType.PRE_SHARED_KEY, OfferedPsks::decode);
        OfferedPsks zeros = psks.withBinders(List.of(Bytes.of(new byte[32])));
        List<Extension> list = new ArrayList<>(ch.extensions().list());
        list.set(list.size() - 1, zeros.toExtension());
        byte[] placeholder = new ClientHello(ch.legacyVersion(), ch.random(), ch.sessionId(), ch.cipherSuites(),
                ch.compressionMethods(), new Extensions(list)).encode();
        assertArrayEquals(Rfc8448Messages.message("s4.client.client_hello_prefix"),
                Arrays.copyOf(placeholder, placeholder.length - zeros.bindersEncodedLength()));
    }

    @Test
    void resumedServerHelloSelectsTheFirstIdentityAndAcceptsEarlyData() {
        // RFC 8448 §4, {server} construct a ServerHello / EncryptedExtensions / {client} EndOfEarlyData
        ServerHello sh = ServerHello.decode(body("s4.server.server_hello"));
        assertEquals(new SelectedPsk(0), ext(sh.extensions(), ExtensionType.PRE_SHARED_KEY, SelectedPsk::decode));
        EncryptedExtensions ee = EncryptedExtensions.decode(body("s4.server.encrypted_extensions"));
        assertEquals(EarlyData.INSTANCE, ext(ee.extensions(), ExtensionType.EARLY_DATA, EarlyData::decode));
        assertEquals(EndOfEarlyData.INSTANCE, EndOfEarlyData.decode(body("s4.client.end_of_early_data")));
    }

    @Test
    void helloRetryRequestIsRecognisedByItsRandomAndAsksForSecp256r1WithACookie() {
        // RFC 8448 §5, {server} construct a ServerHello (the HelloRetryRequest)
        ServerHello hrr = ServerHello.decode(body("s5.server.hello_retry_request"));
        assertTrue(HelloRetryRequest.isHelloRetryRequest(hrr));
        assertEquals(new CipherSuite(0x1301), hrr.cipherSuite());
        assertEquals(List.of(ExtensionType.KEY_SHARE, ExtensionType.COOKIE, ExtensionType.SUPPORTED_VERSIONS),
                hrr.extensions().types());
        assertEquals(new KeyShareHelloRetryRequest(NamedGroup.SECP256R1),
                ext(hrr.extensions(), ExtensionType.KEY_SHARE, KeyShareHelloRetryRequest::decode));
        Cookie cookie = ext(hrr.extensions(), ExtensionType.COOKIE, Cookie::decode);
        assertEquals(0x72, cookie.cookie().length());
        assertFalse(HelloRetryRequest.isHelloRetryRequest(ServerHello.decode(body("s5.server.server_hello"))));
    }

    @Test
    void secondClientHelloEchoesTheCookieAndSendsASecp256r1Share() {
        // RFC 8448 §5, {client} construct a ClientHello (the second one)
        ClientHello ch1 = ClientHello.decode(body("s5.client.client_hello1"));
        ClientHello ch2 = ClientHello.decode(body("s5.client.client_hello2"));
        assertEquals(ch1.random(), ch2.random());
        assertTrue(ch1.extensions().find(ExtensionType.COOKIE).isEmpty());
        Extensions hrr = ServerHello.decode(body("s5.server.hello_retry_request")).extensions();
        assertEquals(ext(hrr, ExtensionType.COOKIE, Cookie::decode),
                ext(ch2.extensions(), ExtensionType.COOKIE, Cookie::decode));
        List<KeyShareEntry> shares = ext(ch2.extensions(), ExtensionType.KEY_SHARE, KeyShareClientHello::decode)
                .shares();
        assertEquals(1, shares.size());
        assertEquals(NamedGroup.SECP256R1, shares.get(0).group());
        assertEquals(65, shares.get(0).keyExchange().length());
        assertEquals(4, shares.get(0).keyExchange().get(0));
    }

    @Test
    void helloRetryRequestRandomIsTheSha256OfItsName() throws Exception {
        // RFC 8446 §4.1.3
        byte[] sha = MessageDigest.getInstance("SHA-256").digest("HelloRetryRequest".getBytes());
        assertEquals(Bytes.of(sha), HelloRetryRequest.RANDOM);
    }

    @Test
    void messageHashOfClientHello1IsTypeHashLengthAndHash() throws Exception {
        // RFC 8446 §4.4.1: message_hash || 00 00 Hash.length || Hash(ClientHello1)
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(Rfc8448Messages.message("s5.client.client_hello1"));
        byte[] expected = new byte[4 + 32];
        expected[0] = (byte) 254;
        expected[3] = 32;
        System.arraycopy(hash, 0, expected, 4, 32);
        assertArrayEquals(expected, new MessageHash(Bytes.of(hash)).encode());
    }

    @Test
    void clientAuthenticationCertificateRequestAsksForSignatureAlgorithmsWithEmptyContext() {
        // RFC 8448 §6, {server} construct a CertificateRequest
        Tls13CertificateRequest cr = Tls13CertificateRequest.decode(body("s6.server.certificate_request"));
        assertEquals(Bytes.EMPTY, cr.requestContext());
        assertEquals(List.of(ExtensionType.SIGNATURE_ALGORITHMS), cr.extensions().types());
        List<SignatureScheme> schemes = ext(cr.extensions(), ExtensionType.SIGNATURE_ALGORITHMS,
                SignatureAlgorithms::decode).schemes();
        assertEquals(15, schemes.size());
        assertEquals(SignatureScheme.ECDSA_SECP256R1_SHA256, schemes.get(0));
    }

    @Test
    void clientAuthenticationClientSendsOneCertificateAndAnRsaPssSignature() {
        // RFC 8448 §6, {client} construct a Certificate / CertificateVerify
        Tls13Certificate c = Tls13Certificate.decode(body("s6.client.certificate"));
        assertEquals(Bytes.EMPTY, c.requestContext());
        assertEquals(1, c.entries().size());
        CertificateVerify cv = CertificateVerify.decode(body("s6.client.certificate_verify"));
        assertEquals(SignatureScheme.RSA_PSS_RSAE_SHA256, cv.scheme());
        assertEquals(128, cv.signature().length());
    }

    @Test
    void compatibilityModeServerEchoesTheClientsLegacySessionId() {
        // RFC 8448 §7 (middlebox compatibility, RFC 8446 §D.4)
        ClientHello ch = ClientHello.decode(body("s7.client.client_hello"));
        ServerHello sh = ServerHello.decode(body("s7.server.server_hello"));
        assertEquals(Bytes.fromHex("a80c165581a8e0d06c0018d54d3a06dd32cfd4051eb026fad3fd0ba99269e6ef"),
                ch.sessionId());
        assertEquals(ch.sessionId(), sh.sessionId());
    }
}
