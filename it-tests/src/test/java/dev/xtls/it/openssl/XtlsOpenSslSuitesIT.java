package dev.xtls.it.openssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.crypto.jca.JcaTlsCrypto;
import dev.xtls.handshake.KeyExchangeAlgorithm;
import dev.xtls.handshake.SuiteSpec;
import dev.xtls.jsse.SessionDetails;
import dev.xtls.jsse.XtlsSession;
import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import dev.xtls.wire.NamedGroup;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.spec.DHParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every suite Xtls implements ({@link SuiteSpec#ALL}) against OpenSSL, both directions: the Xtls SSLSocket client
 * against {@code openssl s_server}, and {@code openssl s_client} against an Xtls SSLServerSocket. ECDSA suites use
 * the P-256 certificate, RSA and DHE suites the RSA-2048 one. CBC suites run twice: with encrypt_then_mac (OpenSSL
 * offers and accepts it by default) and with {@code -no_etm} on the OpenSSL side. The suite is asserted as OpenSSL
 * reports it and as Xtls reports it; encrypt_then_mac and the key exchange group on the Xtls side.
 *
 * <p>DHE groups: OpenSSL 3.0 negotiates RFC 7919 groups in TLS 1.3 only. As a TLS 1.2 client it lists no ffdhe
 * group in supported_groups, so the Xtls server uses its default, ffdhe2048 (RFC 7919 §4), and s_client reports
 * a 2048-bit DH key. As a TLS 1.2 server it ignores the ffdhe groups Xtls offers and sends its default ("auto")
 * parameters, chosen by the strength of its key: for RSA-2048 that is the 2048-bit MODP group of RFC 3526 (§3,
 * group 14), not an RFC 7919 group. The test reads that prime off the wire, compares it with the one
 * {@code openssl genpkey -pkeyopt group:modp_2048} prints, and checks that the Xtls client accepted it and names
 * no group for it (the prime is not one of the named groups). Given {@code -dhparam} with an RFC 7919 group,
 * s_server sends that group's prime instead, and the Xtls client accepts ffdhe2048, 3072 and 4096.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class XtlsOpenSslSuitesIT {

    static final int TIMEOUT_MS = (int) OpenSsl.DEFAULT_TIMEOUT.toMillis();
    /** RFC 7366 §2. */
    static final int ENCRYPT_THEN_MAC = 22;

    /** How encrypt_then_mac is set up on the OpenSSL side; AEAD suites have no MAC of their own. */
    enum Etm {
        AEAD, ON, OFF;

        boolean expected() {
            return this == ON;
        }

        String[] openSslArgs() {
            return this == OFF ? new String[] {"-no_etm"} : new String[0];
        }
    }

    @TempDir
    static Path dir;
    static TestPki pki;
    static Path ca;
    static TestPki.PemFiles ecdsaPem;
    static TestPki.PemFiles rsaPem;
    static SSLContext client;
    static SSLContext ecdsaServer;
    static SSLContext rsaServer;
    static BigInteger modp2048;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create();
        ca = pki.writeCaPem(dir);
        ecdsaPem = pki.writePem(dir, pki.ecdsaP256());
        rsaPem = pki.writePem(dir, pki.rsa2048());
        client = Peer.XTLS.context(pki);
        ecdsaServer = Peer.XTLS.context(pki, pki.ecdsaP256());
        rsaServer = Peer.XTLS.context(pki, pki.rsa2048());
        modp2048 = namedDhPrime("modp_2048");
    }

    /** Every implemented suite; CBC suites once with and once without encrypt_then_mac. */
    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (SuiteSpec spec : SuiteSpec.ALL) {
            String suite = spec.suite().name();
            if (spec.isCbc()) {
                out.add(Arguments.of(suite, Etm.ON));
                out.add(Arguments.of(suite, Etm.OFF));
            } else {
                out.add(Arguments.of(suite, Etm.AEAD));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "Xtls client -> s_server, {0}, etm {1}")
    @MethodSource("cases")
    void xtlsClientNegotiatesEverySuiteWithOpenSslServer(String suite, Etm etm) throws Exception {
        SuiteSpec spec = spec(suite);
        try (OpenSslServer server = OpenSslServer.builder(pemFor(spec)).cipher(suite).extraArgs(etm.openSslArgs())
                .start()) {
            RecordingSocket raw = new RecordingSocket();
            try (SSLSocket s = connect(raw, server.port(), suite)) {
                SessionDetails state = ((XtlsSession) s.getSession()).details();
                assertEquals(suite, s.getSession().getCipherSuite());
                assertEquals("TLSv1.2", s.getSession().getProtocol());
                assertEquals(etm.expected(), state.encryptThenMac(), "encrypt_then_mac on the Xtls side");
                assertEquals(etm.expected(), raw.serverHelloExtensions().contains(ENCRYPT_THEN_MAC),
                        "s_server's ServerHello answers encrypt_then_mac: " + raw.serverHelloExtensions());
                if (spec.keyExchange() == KeyExchangeAlgorithm.DHE_RSA) {
                    assertEquals(modp2048, raw.dhePrime().orElseThrow(() -> new AssertionError(
                            "no DHE ServerKeyExchange seen")), "s_server's DH prime is RFC 3526 group 14");
                    assertNull(state.group(), "an unnamed DH group");
                } else if (spec.keyExchange().isEcdhe()) {
                    assertEquals(NamedGroup.X25519, state.group(), "both sides prefer x25519");
                }
                s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                String page = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                // "New, TLSv1.0, Cipher is ..." names the version the suite first appeared in: check the session's
                assertTrue(page.contains(", Cipher is " + OpenSslSuites.toOpenSsl(suite) + "\n"), page);
                assertTrue(page.contains("Protocol  : TLSv1.2\n"), page);
            }
        }
    }

    @ParameterizedTest(name = "s_client -> Xtls server, {0}, etm {1}")
    @MethodSource("cases")
    void openSslClientNegotiatesEverySuiteWithXtlsServer(String suite, Etm etm) throws Exception {
        SuiteSpec spec = spec(suite);
        SSLContext ctx = spec.keyExchange() == KeyExchangeAlgorithm.ECDHE_ECDSA ? ecdsaServer : rsaServer;
        try (JavaTlsServer server = JavaTlsServer.start(ctx, false, suite)) {
            OpenSslClient.Result r = OpenSslClient.connect(server.port()).cipher(suite).caFile(ca)
                    .extraArgs(etm.openSslArgs()).extraArgs("-tlsextdebug")
                    .stdin("hello xtls\n".getBytes(StandardCharsets.US_ASCII)).run();
            JavaTlsServer.Served served = server.awaitServed();
            assertEquals(0, r.exitCode(), r.describe());
            assertEquals(OpenSslSuites.toOpenSsl(suite),
                    r.cipher().orElseThrow(() -> new AssertionError(r.describe())));
            assertEquals("TLSv1.2", r.protocol().orElseThrow());
            assertEquals(0, r.verifyReturnCode().orElseThrow(), r.describe());
            assertTrue(r.stdout().contains("echo: hello xtls"), r.describe());
            assertEquals(suite, served.cipherSuite());
            SessionDetails state = ((XtlsSession) served.session()).details();
            assertEquals(etm.expected(), state.encryptThenMac(), "encrypt_then_mac on the Xtls side");
            assertEquals(etm.expected(), r.stdout().contains("TLS server extension \"encrypt-then-mac\""),
                    "the ServerHello s_client received answers encrypt_then_mac\n" + r.describe());
            if (spec.keyExchange() == KeyExchangeAlgorithm.DHE_RSA) {
                assertEquals(NamedGroup.FFDHE2048, state.group(), "OpenSSL names no ffdhe group in TLS 1.2");
                assertTrue(r.stdout().contains("Server Temp Key: DH, 2048 bits"), r.describe());
            } else if (spec.keyExchange().isEcdhe()) {
                assertEquals(NamedGroup.X25519, state.group());
                assertTrue(r.stdout().contains("Server Temp Key: X25519, 253 bits"), r.describe());
            } else {
                assertNull(state.group(), "RSA key transport has no group");
            }
        }
    }

    @ParameterizedTest(name = "s_client naming no FFDHE group -> Xtls server enabling {0} first")
    @ValueSource(strings = {"ffdhe3072", "ffdhe4096"})
    void xtlsServerUsesItsFirstEnabledFfdheGroupWhenTheClientNamesNone(String group) throws Exception {
        String suite = "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384";
        NamedGroup named = NamedGroup.byName(group).orElseThrow();
        // SSLParameters' algorithm constraints narrow the enabled groups, as jdk.tls.namedGroups would
        try (JavaTlsServer server = JavaTlsServer.start(rsaServer, p -> {
            p.setCipherSuites(new String[] {suite});
            p.setAlgorithmConstraints(new OnlyNamedGroup(named));
        })) {
            OpenSslClient.Result r = OpenSslClient.connect(server.port()).cipher(suite).caFile(ca)
                    .stdin("hello xtls\n".getBytes(StandardCharsets.US_ASCII)).run();
            JavaTlsServer.Served served = server.awaitServed();
            assertEquals(0, r.exitCode(), r.describe());
            assertEquals(named, ((XtlsSession) served.session()).details().group());
            assertTrue(r.stdout().contains("Server Temp Key: DH, " + group.substring(5) + " bits"), r.describe());
        }
    }

    /** Leaves one named group enabled; other algorithms pass. */
    private record OnlyNamedGroup(NamedGroup group) implements java.security.AlgorithmConstraints {
        @Override
        public boolean permits(java.util.Set<java.security.CryptoPrimitive> p, String algorithm,
                java.security.AlgorithmParameters params) {
            return NamedGroup.byName(algorithm).map(group::equals).orElse(true);
        }

        @Override
        public boolean permits(java.util.Set<java.security.CryptoPrimitive> p, java.security.Key key) {
            return true;
        }

        @Override
        public boolean permits(java.util.Set<java.security.CryptoPrimitive> p, String algorithm,
                java.security.Key key, java.security.AlgorithmParameters params) {
            return true;
        }
    }

    @ParameterizedTest(name = "Xtls client -> s_server -dhparam {0}")
    @ValueSource(strings = {"ffdhe2048", "ffdhe3072", "ffdhe4096"})
    void xtlsClientAcceptsAnRfc7919GroupFromOpenSslServer(String group) throws Exception {
        Path dhparam = dir.resolve(group + ".pem");
        OpenSsl.Output o = OpenSsl.run(List.of("genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt",
                "group:" + group, "-out", dhparam.toString()), OpenSsl.DEFAULT_TIMEOUT);
        assertEquals(0, o.exitCode(), o.stderr());
        String suite = "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256";
        try (OpenSslServer server = OpenSslServer.builder(rsaPem).cipher(suite)
                .extraArgs("-dhparam", dhparam.toString()).start()) {
            RecordingSocket raw = new RecordingSocket();
            try (SSLSocket s = connect(raw, server.port(), suite)) {
                assertEquals(suite, s.getSession().getCipherSuite());
                NamedGroup named = NamedGroup.byName(group).orElseThrow();
                assertEquals(new JcaTlsCrypto(new SecureRandom()).ffdheParameters(named).getP(),
                        raw.dhePrime().orElseThrow(), "s_server's DH prime is RFC 7919 " + group);
                // the client names an explicit prime that is an RFC 7919 one
                assertEquals(named, ((XtlsSession) s.getSession()).details().group());
                s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                String page = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(page.contains(", Cipher is " + OpenSslSuites.toOpenSsl(suite) + "\n"), page);
            }
        }
    }

    @Test
    void everyImplementedSuiteHasAnOpenSslName() {
        for (SuiteSpec spec : SuiteSpec.ALL) {
            OpenSslSuites.toOpenSsl(spec.suite().name());
        }
        assertEquals(SuiteSpec.ALL.size() + SuiteSpec.ALL.stream().filter(SuiteSpec::isCbc).count(), cases().count());
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** The prime of an OpenSSL built-in DH group, from the PKCS#3 "DH PARAMETERS" PEM that genpkey prints. */
    private static BigInteger namedDhPrime(String group) {
        OpenSsl.Output o = OpenSsl.run(List.of("genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt",
                "group:" + group), OpenSsl.DEFAULT_TIMEOUT);
        assertEquals(0, o.exitCode(), o.stderr());
        String base64 = o.stdout().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("DH");
            params.init(Base64.getDecoder().decode(base64));
            return params.getParameterSpec(DHParameterSpec.class).getP();
        } catch (GeneralSecurityException | IOException e) {
            throw new AssertionError("cannot read DH parameters " + o.stdout(), e);
        }
    }

    private static SuiteSpec spec(String suite) {
        return SuiteSpec.ALL.stream().filter(s -> s.suite().name().equals(suite)).findFirst().orElseThrow();
    }

    private static TestPki.PemFiles pemFor(SuiteSpec spec) {
        return spec.keyExchange() == KeyExchangeAlgorithm.ECDHE_ECDSA ? ecdsaPem : rsaPem;
    }

    /** The Xtls client over {@code raw}, to 127.0.0.1, SNI and host check "localhost", TLSv1.2 and one suite. */
    private static SSLSocket connect(RecordingSocket raw, int port, String suite) throws IOException {
        try {
            raw.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), TIMEOUT_MS);
            raw.setSoTimeout(TIMEOUT_MS);
            SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(raw, "localhost", port, true);
            SSLParameters p = s.getSSLParameters();
            p.setProtocols(new String[] {"TLSv1.2"});
            p.setCipherSuites(new String[] {suite});
            p.setEndpointIdentificationAlgorithm("HTTPS");
            p.setServerNames(List.of(new SNIHostName("localhost")));
            s.setSSLParameters(p);
            s.startHandshake();
            return s;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }
}
