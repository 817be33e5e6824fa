package dev.xtls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.crypto.jca.JcaTlsCrypto;
import dev.xtls.handshake.ClientAuth;
import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.ProtocolVersion;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

class XtlsSSLEngineTest {
    private static final String ECDSA_128 = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static final String RSA_256 = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
    private static final String TLS13_ONLY = "TLS_AES_128_GCM_SHA256";

    @Test
    void newEngineStartsInServerModeWithEverythingImplementedButRsaKeyTransportEnabled() {
        XtlsSSLEngine e = TestContexts.engine(null, -1);
        assertFalse(e.getUseClientMode());
        assertArrayEquals(new String[] {"TLSv1.2"}, e.getEnabledProtocols());
        assertEquals(ProtocolDefaults.IMPLEMENTED_CIPHER_SUITES.stream().map(CipherSuite::name).toList(),
                List.of(e.getSupportedCipherSuites()));
        assertEquals(ProtocolDefaults.DEFAULT_CIPHER_SUITES.stream().map(CipherSuite::name).toList(),
                List.of(e.getEnabledCipherSuites()));
        assertTrue(e.getSSLParameters().getUseCipherSuitesOrder());
        assertTrue(e.getEnableSessionCreation());
    }

    @Test
    void refusesAnUnknownCipherSuiteNameAsSunJsseDoesAndKeepsTheOldList() {
        XtlsSSLEngine e = TestContexts.client("example.com", 443);
        String[] before = e.getEnabledCipherSuites();
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> e.setEnabledCipherSuites(new String[] {ECDSA_128, "TLS_FOO"}));
        assertEquals("Unsupported CipherSuite: TLS_FOO", x.getMessage());
        assertArrayEquals(before, e.getEnabledCipherSuites());
        assertThrows(IllegalArgumentException.class, () -> e.setEnabledCipherSuites(null));
        assertThrows(IllegalArgumentException.class, () -> e.setEnabledCipherSuites(new String[] {null}));
    }

    @Test
    void acceptsRegisteredSuitesItDoesNotImplementButOffersOnlyImplementedOnes() throws Exception {
        XtlsSSLEngine e = TestContexts.client("example.com", 443);
        e.setEnabledCipherSuites(new String[] {TLS13_ONLY, RSA_256, ECDSA_128});
        assertEquals(List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), e.handshakeConfig().cipherSuites());
    }

    @Test
    void refusesToHandshakeWhenNoEnabledSuiteIsImplemented() {
        XtlsSSLEngine e = TestContexts.client("example.com", 443);
        e.setEnabledCipherSuites(new String[] {TLS13_ONLY});
        SSLHandshakeException x = assertThrows(SSLHandshakeException.class, e::handshakeConfig);
        assertTrue(x.getMessage().contains(TLS13_ONLY), x.getMessage());
    }

    @Test
    void refusesUnknownProtocolNamesButAcceptsKnownOnesItDoesNotImplement() throws Exception {
        XtlsSSLEngine e = TestContexts.client("example.com", 443);
        assertEquals("Unsupported protocol: TLSv9",
                assertThrows(IllegalArgumentException.class,
                        () -> e.setEnabledProtocols(new String[] {"TLSv9"})).getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.setEnabledProtocols(null));
        e.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2", "TLSv1.1", "SSLv2Hello"});
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2", "TLSv1.1", "SSLv2Hello"}, e.getEnabledProtocols());
        assertEquals(List.of(ProtocolVersion.TLS13, ProtocolVersion.TLS12), e.handshakeConfig().versions());
        e.setEnabledProtocols(new String[] {"TLSv1.1"});
        assertThrows(SSLHandshakeException.class, e::handshakeConfig);
    }

    @Test
    void offersOnlyTheSuitesOfTheEnabledProtocols() throws Exception {
        XtlsSSLEngine e = TestContexts.client("example.com", 443);
        e.setEnabledCipherSuites(new String[] {TLS13_ONLY, RSA_256});
        e.setEnabledProtocols(new String[] {"TLSv1.3"});
        assertEquals(List.of(new CipherSuite(0x1301)), e.handshakeConfig().cipherSuites());
        e.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        assertEquals(List.of(new CipherSuite(0x1301), CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384),
                e.handshakeConfig().cipherSuites());
    }

    @Test
    void sslParametersSurviveARoundTrip() {
        XtlsSSLEngine e = TestContexts.engine("example.com", 443);
        AlgorithmConstraints constraints = permitAllBut(Set.of());
        SNIMatcher matcher = SNIHostName.createSNIMatcher("example\\.com");
        SSLParameters in = new SSLParameters(new String[] {RSA_256}, new String[] {"TLSv1.2"});
        in.setNeedClientAuth(true);
        in.setAlgorithmConstraints(constraints);
        in.setEndpointIdentificationAlgorithm("HTTPS");
        in.setServerNames(List.of(new SNIHostName("api.example.com")));
        in.setSNIMatchers(List.of(matcher));
        in.setUseCipherSuitesOrder(false);
        in.setEnableRetransmissions(false);
        in.setMaximumPacketSize(1400);
        in.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        e.setSSLParameters(in);

        SSLParameters out = e.getSSLParameters();
        assertArrayEquals(in.getCipherSuites(), out.getCipherSuites());
        assertArrayEquals(in.getProtocols(), out.getProtocols());
        assertTrue(out.getNeedClientAuth());
        assertFalse(out.getWantClientAuth());
        assertSame(constraints, out.getAlgorithmConstraints());
        assertEquals("HTTPS", out.getEndpointIdentificationAlgorithm());
        assertEquals(List.of(new SNIHostName("api.example.com")), out.getServerNames());
        assertEquals(List.of(matcher), List.copyOf(out.getSNIMatchers()));
        assertFalse(out.getUseCipherSuitesOrder());
        assertFalse(out.getEnableRetransmissions());
        assertEquals(1400, out.getMaximumPacketSize());
        assertArrayEquals(new String[] {"h2", "http/1.1"}, out.getApplicationProtocols());

        XtlsSSLEngine other = TestContexts.engine(null, -1);
        other.setSSLParameters(out);
        assertArrayEquals(out.getCipherSuites(), other.getSSLParameters().getCipherSuites());
        assertEquals(out.getServerNames(), other.getSSLParameters().getServerNames());
        assertTrue(other.getNeedClientAuth());
    }

    @Test
    void sslParametersWithoutListsKeepTheEnabledListsAndInvalidOnesChangeNothing() {
        XtlsSSLEngine e = TestContexts.engine(null, -1);
        e.setEnabledCipherSuites(new String[] {RSA_256});
        e.setSSLParameters(new SSLParameters());
        assertArrayEquals(new String[] {RSA_256}, e.getEnabledCipherSuites());
        assertArrayEquals(new String[] {"TLSv1.2"}, e.getEnabledProtocols());

        SSLParameters bad = new SSLParameters(new String[] {ECDSA_128}, new String[] {"TLSv9"});
        bad.setNeedClientAuth(true);
        assertThrows(IllegalArgumentException.class, () -> e.setSSLParameters(bad));
        assertArrayEquals(new String[] {RSA_256}, e.getEnabledCipherSuites());
        assertFalse(e.getNeedClientAuth());
    }

    @Test
    void needAndWantClientAuthReplaceEachOtherAsInSunJsse() throws Exception {
        XtlsSSLEngine e = TestContexts.engine(null, -1);
        e.setUseClientMode(false);
        e.setWantClientAuth(true);
        assertTrue(e.getWantClientAuth());
        e.setNeedClientAuth(true);
        assertTrue(e.getNeedClientAuth());
        assertFalse(e.getWantClientAuth());
        assertEquals(ClientAuth.NEED, e.handshakeConfig().clientAuth());
        e.setWantClientAuth(false);
        assertFalse(e.getNeedClientAuth());
        assertEquals(ClientAuth.NONE, e.handshakeConfig().clientAuth());
    }

    @Test
    void switchingModeAdoptsTheOtherSidesDefaultsUnlessTheListWasSet() {
        ProtocolDefaults d = TestContexts.defaults(Map.of(
                "jdk.tls.client.cipherSuites", RSA_256,
                "jdk.tls.server.cipherSuites", ECDSA_128), Map.of());
        XtlsSSLEngine e = new XtlsSSLEngine(TestContexts.state(d), "example.com", 443);
        assertArrayEquals(new String[] {ECDSA_128}, e.getEnabledCipherSuites());
        e.setUseClientMode(true);
        assertArrayEquals(new String[] {RSA_256}, e.getEnabledCipherSuites());
        e.setEnabledCipherSuites(new String[] {ECDSA_128, RSA_256});
        e.setUseClientMode(false);
        assertArrayEquals(new String[] {ECDSA_128, RSA_256}, e.getEnabledCipherSuites());
    }

    @Test
    void clientModeCannotChangeOnceTheHandshakeHasStarted() {
        XtlsSSLEngine e = TestContexts.client("example.com", 443);
        try {
            e.beginHandshake();
        } catch (Exception | Error ignored) {
            // the protocol core may fail without real crypto; the handshake has started all the same
        }
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> e.setUseClientMode(false));
        assertEquals("Cannot change mode after SSL traffic has started", x.getMessage());
    }

    @Test
    void wrapBeforeChoosingAModeIsAnIllegalState() {
        XtlsSSLEngine e = TestContexts.engine(null, -1);
        assertThrows(IllegalStateException.class, () -> e.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(100)));
        assertThrows(IllegalStateException.class, () -> e.unwrap(ByteBuffer.allocate(0), ByteBuffer.allocate(100)));
    }

    @Test
    void wrapAndUnwrapCheckTheirBuffersFirst() {
        XtlsSSLEngine e = TestContexts.client("example.com", 443);
        ByteBuffer[] none = {ByteBuffer.allocate(1)};
        assertThrows(IllegalArgumentException.class, () -> e.wrap(none, 0, 1, null));
        assertThrows(ReadOnlyBufferException.class,
                () -> e.wrap(none, 0, 1, ByteBuffer.allocate(10).asReadOnlyBuffer()));
        assertThrows(IndexOutOfBoundsException.class, () -> e.wrap(none, 1, 1, ByteBuffer.allocate(10)));
        assertThrows(IllegalArgumentException.class,
                () -> e.wrap(new ByteBuffer[] {null}, 0, 1, ByteBuffer.allocate(10)));
        assertThrows(IllegalArgumentException.class, () -> e.unwrap(null, none, 0, 1));
        assertThrows(ReadOnlyBufferException.class, () -> e.unwrap(ByteBuffer.allocate(0),
                new ByteBuffer[] {ByteBuffer.allocate(1).asReadOnlyBuffer()}, 0, 1));
    }

    @Test
    void anEngineClosedBeforeItsHandshakeReportsClosedAndNeverStarts() throws Exception {
        XtlsSSLEngine e = TestContexts.client("example.com", 443);
        e.closeOutbound();
        assertTrue(e.isOutboundDone());
        assertFalse(e.isInboundDone());
        SSLEngineResult r = e.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(100));
        assertEquals(SSLEngineResult.Status.CLOSED, r.getStatus());
        assertEquals(SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING, r.getHandshakeStatus());
        assertEquals(0, r.bytesProduced());
        e.setUseClientMode(false);

        XtlsSSLEngine f = TestContexts.client("example.com", 443);
        f.closeInbound();
        assertTrue(f.isInboundDone());
        assertEquals(SSLEngineResult.Status.CLOSED,
                f.unwrap(ByteBuffer.allocate(0), ByteBuffer.allocate(100)).getStatus());
    }

    @Test
    void sessionBeforeTheHandshakeIsANullSessionAsInSunJsse() {
        XtlsSSLEngine e = TestContexts.client("example.com", 443);
        SSLSession s = e.getSession();
        assertEquals("SSL_NULL_WITH_NULL_NULL", s.getCipherSuite());
        assertEquals("NONE", s.getProtocol());
        assertFalse(s.isValid());
        assertEquals(0, s.getId().length);
        assertNull(s.getSessionContext());
        assertThrows(SSLPeerUnverifiedException.class, s::getPeerCertificates);
        assertNull(s.getLocalCertificates());
        assertTrue(s.getPacketBufferSize() >= 16384 + 5);
        assertEquals(16384, s.getApplicationBufferSize());
        assertNull(e.getHandshakeSession());
        assertEquals(SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING, e.getHandshakeStatus());
        assertNull(e.getDelegatedTask());
        assertNull(e.getApplicationProtocol());
    }

    @Test
    void clientSendsThePeerHostAsServerName() throws Exception {
        XtlsSSLEngine e = TestContexts.client("example.com", 443);
        assertEquals(List.of("example.com"), e.handshakeConfig().serverNames());
        assertEquals(List.of(new SNIHostName("example.com")), e.getSSLParameters().getServerNames());
        assertEquals(List.of("localhost"), TestContexts.client("localhost", 8443).handshakeConfig().serverNames());
        assertEquals(List.of("example.com"),
                TestContexts.client("example.com.", 443).handshakeConfig().serverNames());
    }

    @Test
    void clientNeverSendsAnIpLiteralAsServerName() throws Exception {
        for (String ip : List.of("192.168.1.10", "127.1", "::1", "[::1]", "fe80::1%eth0", "2001:db8::8a2e:370:7334")) {
            XtlsSSLEngine e = TestContexts.client(ip, 443);
            assertEquals(List.of(), e.handshakeConfig().serverNames(), ip);
            assertNull(e.getSSLParameters().getServerNames(), ip);
        }
        assertEquals(List.of(), TestContexts.client(null, -1).handshakeConfig().serverNames());
    }

    @Test
    void serverNamesSetInSslParametersReplaceThePeerHost() throws Exception {
        XtlsSSLEngine e = TestContexts.client("10.0.0.1", 443);
        SSLParameters p = e.getSSLParameters();
        p.setServerNames(List.of(new SNIHostName("internal.example")));
        e.setSSLParameters(p);
        assertEquals(List.of("internal.example"), e.handshakeConfig().serverNames());
        p.setServerNames(List.of());
        e.setSSLParameters(p);
        assertEquals(List.of(), e.handshakeConfig().serverNames());
    }

    @Test
    void serverSendsNoServerNames() throws Exception {
        XtlsSSLEngine e = TestContexts.engine("example.com", 443);
        e.setUseClientMode(false);
        assertEquals(List.of(), e.handshakeConfig().serverNames());
    }

    @Test
    void handshakeConfigCarriesTheSettingsAndTheContextDefaults() throws Exception {
        XtlsSSLEngine e = TestContexts.client("example.com", 443);
        SSLParameters p = e.getSSLParameters();
        p.setUseCipherSuitesOrder(false);
        p.setNeedClientAuth(true);
        e.setSSLParameters(p);
        HandshakeConfig c = e.handshakeConfig();
        assertTrue(c.clientMode());
        assertEquals(List.of(ProtocolVersion.TLS12), c.versions());
        // the TLS 1.3 suites are enabled but left out: TLS 1.3 is not
        assertEquals(dev.xtls.handshake.SuiteSpec.defaultSuites().stream()
                .filter(s -> !ProtocolDefaults.isRsaKeyTransport(s)).toList(), c.cipherSuites());
        assertEquals(ProtocolDefaults.IMPLEMENTED_GROUPS, c.namedGroups());
        // RFC 9155 §3: every implemented scheme but the SHA-1 ones
        assertEquals(ProtocolDefaults.IMPLEMENTED_SIGNATURE_SCHEMES.stream().filter(s -> !s.usesSha1()).toList(),
                c.signatureSchemes());
        assertFalse(c.honorServerCipherSuiteOrder());
        assertEquals(ClientAuth.NONE, c.clientAuth(), "client auth is a server setting");
        assertEquals("example.com", c.peerHost());
        assertEquals(443, c.peerPort());
        assertEquals(65536, c.maxHandshakeMessageSize());
        assertTrue(c.extendedMasterSecret());
        assertTrue(c.clock().getAsLong() > 0);
        assertEquals(java.util.Optional.empty(), c.credentials().chooseServerCredential("EC", List.of()));
    }

    @Test
    void algorithmConstraintsInSslParametersNarrowWhatIsOffered() throws Exception {
        XtlsSSLEngine e = TestContexts.client("example.com", 443);
        SSLParameters p = e.getSSLParameters();
        p.setAlgorithmConstraints(permitAllBut(Set.of("x25519", RSA_256, "SHA256withRSA")));
        e.setSSLParameters(p);
        HandshakeConfig c = e.handshakeConfig();
        assertFalse(c.namedGroups().contains(NamedGroup.X25519));
        assertTrue(c.namedGroups().contains(NamedGroup.SECP256R1));
        assertFalse(c.cipherSuites().contains(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384));
        assertEquals(dev.xtls.handshake.SuiteSpec.defaultSuites().stream()
                .filter(s -> !ProtocolDefaults.isRsaKeyTransport(s)).count() - 1, c.cipherSuites().size());
        assertFalse(c.signatureSchemes().contains(dev.xtls.wire.SignatureScheme.RSA_PKCS1_SHA256));
    }

    @Test
    void sessionCreationDisabledRefusesAHandshakeWithNoSessionToResume() {
        // a real crypto: the ClientHello's template (groups and schemes it supports) is built before this check
        XtlsSessionContext server = new XtlsSessionContext(System::currentTimeMillis);
        XtlsSSLEngine e = new XtlsSSLEngine(new ContextState(null, null, new SecureRandom(),
                TestContexts.plainDefaults(), new XtlsSessionContext(System::currentTimeMillis), server,
                new SessionTickets(server, System::currentTimeMillis), JcaTlsCrypto::new, System::currentTimeMillis),
                "example.com", 443);
        e.setUseClientMode(true);
        e.setEnableSessionCreation(false);
        SSLHandshakeException x = assertThrows(SSLHandshakeException.class, e::beginHandshake);
        assertTrue(x.getMessage().contains("No new session is allowed and no existing session can be resumed"),
                x.getMessage());
    }

    private static AlgorithmConstraints permitAllBut(Set<String> refused) {
        return new AlgorithmConstraints() {
            @Override
            public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
                return !refused.contains(algorithm);
            }

            @Override
            public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
                return true;
            }

            @Override
            public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, Key key,
                    AlgorithmParameters parameters) {
                return !refused.contains(algorithm);
            }
        };
    }
}
