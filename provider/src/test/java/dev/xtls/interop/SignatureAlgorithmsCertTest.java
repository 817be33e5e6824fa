package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.HelloExtensionReader;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import dev.xtls.testing.WireRecord;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * signature_algorithms_cert (RFC 8446 §4.2.3): sent in every ClientHello with signature_algorithms' list, as
 * SunJSSE 17 sends it, and read by a server (1.3 and 1.2) as the list its key manager checks chains against, as
 * SunJSSE reads it. A TLS 1.3 server whose key manager refuses every chain under that list still sends one of its
 * own (§4.4.2.2); TLS 1.2 keeps RFC 5246 §7.4.2's rule and fails.
 */
class SignatureAlgorithmsCertTest {
    private static final int SIGNATURE_ALGORITHMS = 13;
    private static final int SIGNATURE_ALGORITHMS_CERT = 50;
    /** rsa_pss_rsae_sha256, repeated: a list without the test chains' ecdsa_secp256r1_sha256. */
    private static final int RSA_PSS_RSAE_SHA256 = 0x0804;
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    private static SSLEngine engine(SSLContext ctx, Role role, String protocol) {
        SSLEngine e = Peer.engine(ctx, role);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(protocol == null ? new String[] {"TLSv1.3", "TLSv1.2"} : new String[] {protocol});
        p.setCipherSuites(e.getSupportedCipherSuites());
        e.setSSLParameters(p);
        return e;
    }

    @ParameterizedTest(name = "{0} client offering {1}")
    @CsvSource({"SUN, TLSv1.3", "XTLS, TLSv1.3", "SUN, TLSv1.2", "XTLS, TLSv1.2"})
    void aClientHelloCarriesSignatureAlgorithmsCertWithTheSameList(Peer client, String protocol) {
        EnginePair pair = EnginePair.of(engine(client.context(pki), Role.CLIENT, protocol),
                engine(Peer.SUN.context(pki, pki.ecdsaP256()), Role.SERVER, null), EnginePair.Mode.NORMAL);
        pair.handshake();
        byte[] cert = HelloExtensionReader.extension(pair, Role.CLIENT, SIGNATURE_ALGORITHMS_CERT);
        assertNotNull(cert, "RFC 8446 §4.2.3, as SunJSSE");
        // SunJSSE 17 sends the same list; SunJSSE 25 adds the SHA-1 schemes to the certificate list only
        if (client == Peer.XTLS || Runtime.version().feature() < 25) {
            assertArrayEquals(HelloExtensionReader.extension(pair, Role.CLIENT, SIGNATURE_ALGORITHMS), cert);
        }
    }

    @ParameterizedTest(name = "{0} server, {1}")
    @CsvSource({"SUN, TLSv1.3", "XTLS, TLSv1.3", "SUN, TLSv1.2", "XTLS, TLSv1.2"})
    void theServersKeyManagerChecksChainsAgainstSignatureAlgorithmsCert(Peer server, String protocol)
            throws Exception {
        ServerKeyManager km = new ServerKeyManager(pki.keyManager(pki.ecdsaP256()));
        SSLContext serverCtx = SSLContext.getInstance("TLS", server.provider());
        serverCtx.init(new KeyManager[] {km}, new TrustManager[] {pki.trustManager()}, null);
        EnginePair pair = EnginePair.builder(engine(Peer.XTLS.context(pki), Role.CLIENT, protocol),
                engine(serverCtx, Role.SERVER, protocol)).lenient()
                .intercept(Role.CLIENT, onlyRsaPssInCertificates()).build();
        pair.expectHandshakeFailure(); // the client's transcript has the hello it sent, not the altered one
        List<String> first = km.peerAlgorithms().get(0);
        assertTrue(first.contains("RSASSA-PSS") && !first.contains("SHA256withECDSA"), first.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"TLSv1.3, true", "TLSv1.2, false"})
    void anXtlsServerWithNoChainSignedAsTheClientAcceptsSendsItsOwnIn13(String protocol, boolean sent)
            throws Exception {
        ServerKeyManager km = new ServerKeyManager(pki.keyManager(pki.ecdsaP256()));
        SSLContext serverCtx = SSLContext.getInstance("TLS", Peer.XTLS.provider());
        serverCtx.init(new KeyManager[] {km}, new TrustManager[] {pki.trustManager()}, null);
        EnginePair pair = EnginePair.builder(engine(Peer.XTLS.context(pki), Role.CLIENT, protocol),
                engine(serverCtx, Role.SERVER, protocol)).lenient()
                .intercept(Role.CLIENT, onlyRsaPssInCertificates()).build();
        EnginePair.Failure f = pair.expectHandshakeFailure();
        assertEquals(sent, km.aliasesHandedOut().stream().anyMatch(a -> a != null), km.aliasesHandedOut().toString());
        assertEquals(sent, pair.records(Role.SERVER).stream()
                .anyMatch(r -> r.contentType() == WireRecord.APPLICATION_DATA || isCertificate(r)),
                "§4.4.2.2: the flight with the certificate was sent");
        if (!sent) {
            assertEquals("handshake_failure", f.alertReceivedBy(Role.CLIENT).orElseThrow());
        }
        assertFalse(km.peerAlgorithms().isEmpty());
    }

    private static boolean isCertificate(WireRecord r) {
        return r.contentType() == WireRecord.HANDSHAKE && r.bytes().length > WireRecord.HEADER_LENGTH
                && r.bytes()[WireRecord.HEADER_LENGTH] == 11;
    }

    /** Rewrites signature_algorithms_cert in the first ClientHello, same length, to rsa_pss_rsae_sha256 only. */
    private static UnaryOperator<ByteBuffer> onlyRsaPssInCertificates() {
        return new UnaryOperator<>() {
            private boolean done;

            @Override
            public ByteBuffer apply(ByteBuffer record) {
                byte[] b = new byte[record.remaining()];
                record.duplicate().get(b);
                if (done || b[0] != WireRecord.HANDSHAKE) {
                    return record;
                }
                done = true;
                ByteBuffer hello = ByteBuffer.wrap(b);
                hello.position(WireRecord.HEADER_LENGTH + 4 + 2 + 32);
                hello.position(hello.position() + 1 + (hello.get(hello.position()) & 0xFF)); // session_id
                hello.position(hello.position() + 2 + (hello.getShort(hello.position()) & 0xFFFF)); // suites
                hello.position(hello.position() + 1 + (hello.get(hello.position()) & 0xFF)); // compression
                int end = hello.position() + 2 + (hello.getShort() & 0xFFFF);
                while (hello.position() < end) {
                    int type = hello.getShort() & 0xFFFF;
                    int length = hello.getShort() & 0xFFFF;
                    if (type == SIGNATURE_ALGORITHMS_CERT) {
                        for (int i = 2; i < length; i += 2) {
                            hello.putShort(hello.position() + i, (short) RSA_PSS_RSAE_SHA256);
                        }
                        return ByteBuffer.wrap(b);
                    }
                    hello.position(hello.position() + length);
                }
                throw new AssertionError("the ClientHello has no signature_algorithms_cert");
            }
        };
    }

    /** Records what the handshake session said about the peer's algorithms at each server alias choice. */
    private static final class ServerKeyManager extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager delegate;
        private final List<List<String>> peerAlgorithms = new ArrayList<>();
        private final List<String> aliases = new ArrayList<>();

        ServerKeyManager(X509ExtendedKeyManager delegate) {
            this.delegate = delegate;
        }

        synchronized List<List<String>> peerAlgorithms() {
            return List.copyOf(peerAlgorithms);
        }

        synchronized List<String> aliasesHandedOut() {
            return new ArrayList<>(aliases);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            List<String> algorithms = engine.getHandshakeSession() instanceof ExtendedSSLSession s
                    ? List.of(s.getPeerSupportedSignatureAlgorithms()) : List.of();
            String alias = delegate.chooseEngineServerAlias(keyType, issuers, engine);
            synchronized (this) {
                peerAlgorithms.add(algorithms);
                aliases.add(alias);
            }
            return alias;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            throw new UnsupportedOperationException("engine only");
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }
    }
}
