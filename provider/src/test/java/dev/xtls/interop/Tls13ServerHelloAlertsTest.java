package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.HelloExtensionReader;
import dev.xtls.testing.HelloTamper;
import dev.xtls.testing.Peer;
import dev.xtls.testing.PlaintextHandshake;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import dev.xtls.testing.WireAlert;
import dev.xtls.testing.WireRecord;
import dev.xtls.wire.NamedGroup;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An Xtls TLS 1.3 client fed a tampered ServerHello or HelloRetryRequest from a real SunJSSE server: each case
 * ends in the fatal alert RFC 8446 names (the section is in the case's name), on the wire in plaintext, and in an
 * SSLException that says what was wrong.
 */
class Tls13ServerHelloAlertsTest {
    private static final int SERVER_HELLO = PlaintextHandshake.SERVER_HELLO;
    private static final int SUPPORTED_GROUPS = 10;
    private static final int SUPPORTED_VERSIONS = 43;
    private static final int COOKIE = 44;
    private static final int KEY_SHARE = HelloExtensionReader.KEY_SHARE;
    private static final int PRE_SHARED_KEY = HelloExtensionReader.PRE_SHARED_KEY;
    private static final byte[] X25519 = {0x00, 0x1D};
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    /** One tampering: what the man in the middle does to the server's records, and what Xtls must answer. */
    record Case(String name, boolean retry, UnaryOperator<ByteBuffer> serverRecords, String alert, String says) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> serverHelloCases() {
        return Stream.of(
                new Case("§4.2.1 supported_versions selects TLS 1.2", false,
                        sh(SUPPORTED_VERSIONS, d -> new byte[] {3, 3}), "illegal_parameter", "TLSv1.2"),
                new Case("§4.2.1 supported_versions selects a version not offered", false,
                        sh(SUPPORTED_VERSIONS, d -> new byte[] {3, 5}), "illegal_parameter", "version"),
                new Case("§4.1.3 cipher suite not offered", false, HelloTamper.body(SERVER_HELLO, 0, b -> {
                    int at = HelloTamper.serverCipherSuiteOffset(b);
                    b[at + 1] = 0x05; // TLS_AES_128_CCM_8_SHA256
                    return b;
                }), "illegal_parameter", "did not offer"),
                new Case("§4.1.3 legacy_session_id_echo altered", false, HelloTamper.body(SERVER_HELLO, 0, b -> {
                    b[HelloTamper.sessionIdOffset(b) + 1] ^= 1;
                    return b;
                }), "illegal_parameter", "legacy_session_id"),
                new Case("§4.2.8 key_share for a group the client sent no share for", false,
                        sh(KEY_SHARE, d -> group(d, 0x0018)), "illegal_parameter", "key_share is for secp384r1"),
                new Case("§7.4.2 x25519 share giving the all-zero secret", false,
                        sh(KEY_SHARE, d -> zeroKey(d)), "illegal_parameter", "all zeros"),
                new Case("§4.2.8.2 x25519 share one byte short (decodes, but is no X25519 key)", false,
                        sh(KEY_SHARE, d -> shortKey(d)), "illegal_parameter", "31 bytes, expected 32"),
                new Case("§9.2 key_share missing without a PSK", false,
                        sh(KEY_SHARE, d -> null), "missing_extension", "no key_share"),
                new Case("§4.2 extension the client did not offer", false,
                        sh(0x3A3A, d -> new byte[0]), "unsupported_extension", "did not offer"),
                new Case("§4.2 pre_shared_key selected though none was offered", false,
                        sh(PRE_SHARED_KEY, d -> new byte[2]), "unsupported_extension", "did not offer"),
                new Case("§4.2 offered extension not allowed in a ServerHello", false,
                        sh(SUPPORTED_GROUPS, d -> new byte[] {0, 2, 0, 0x1D}), "illegal_parameter",
                        "not allowed"));
    }

    static Stream<Case> helloRetryCases() {
        return Stream.of(
                new Case("§4.2.8 HelloRetryRequest group not in supported_groups", true,
                        sh(KEY_SHARE, d -> new byte[] {0x0A, 0x0A}), "illegal_parameter",
                        "not among the client's groups"),
                new Case("§4.2.8 HelloRetryRequest group the client already sent a share for", true,
                        sh(KEY_SHARE, d -> X25519), "illegal_parameter", "the one already sent"),
                new Case("§4.1.4 HelloRetryRequest that would not change the ClientHello", true,
                        chain(sh(KEY_SHARE, d -> null), sh(COOKIE, d -> null)), "illegal_parameter",
                        "would not change"),
                new Case("§4.1.4 HelloRetryRequest cipher suite not offered", true,
                        HelloTamper.body(SERVER_HELLO, 0, b -> {
                            b[HelloTamper.serverCipherSuiteOffset(b) + 1] = 0x05;
                            return b;
                        }), "illegal_parameter", "did not offer"),
                new Case("§4.1.4 HelloRetryRequest legacy_session_id_echo altered", true,
                        HelloTamper.body(SERVER_HELLO, 0, b -> {
                            b[HelloTamper.sessionIdOffset(b) + 1] ^= 1;
                            return b;
                        }), "illegal_parameter", "legacy_session_id"),
                new Case("§5, D.4 three ChangeCipherSpec records", true, tripleChangeCipherSpec(),
                        "unexpected_message", "3 ChangeCipherSpec"),
                new Case("§4.1.4 second HelloRetryRequest", true, secondRetry(), "unexpected_message",
                        "second HelloRetryRequest"),
                new Case("§4.1.4 ServerHello suite other than the HelloRetryRequest's", true,
                        HelloTamper.body(SERVER_HELLO, 1, b -> {
                            b[HelloTamper.serverCipherSuiteOffset(b) + 1] = 0x02; // TLS_AES_256_GCM_SHA384
                            return b;
                        }), "illegal_parameter", "HelloRetryRequest"),
                new Case("§4.2.8 ServerHello group other than the HelloRetryRequest's", true,
                        HelloTamper.extension(SERVER_HELLO, 1, KEY_SHARE, d -> group(d, 0x001D)),
                        "illegal_parameter", "key_share is for x25519"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverHelloCases")
    void anXtlsClientAnswersATamperedServerHelloWithTheRfcAlert(Case c) {
        assertXtlsClientAnswers(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("helloRetryCases")
    void anXtlsClientAnswersATamperedHelloRetryWithTheRfcAlert(Case c) {
        assertXtlsClientAnswers(c);
    }

    @Test
    void untamperedTheSunJsseServerAsksForAnotherShareAndTheHandshakeCompletes() {
        EnginePair pair = EnginePair.builder(xtlsClient(), sunServer(true)).build();
        pair.handshake();
        assertEquals(2, HelloExtensionReader.tls13Plaintext(pair, Role.CLIENT).stream()
                .filter(m -> m.type() == PlaintextHandshake.CLIENT_HELLO).count(), "a HelloRetryRequest came");
    }

    @Test
    void anXtlsClientAnswersASelectedIdentityOutOfRangeWithIllegalParameter() {
        SSLContext client = Peer.XTLS.context(pki);
        SSLContext server = Peer.SUN.context(pki, pki.ecdsaP256());
        EnginePair first = EnginePair.builder(tls13(Peer.engine(client, Role.CLIENT)),
                tls13(Peer.engine(server, Role.SERVER))).build();
        first.handshake();
        first.transfer(new byte[1], new byte[1]); // the tickets come after the handshake
        first.closeBoth();
        EnginePair pair = EnginePair.builder(tls13(Peer.engine(client, Role.CLIENT)),
                tls13(Peer.engine(server, Role.SERVER))).lenient()
                .intercept(Role.SERVER, sh(PRE_SHARED_KEY, d -> new byte[] {0, 1})).build();
        Failure f = pair.expectHandshakeFailure();
        assertTrue(HelloExtensionReader.extension(pair, Role.CLIENT, PRE_SHARED_KEY) != null, "a ticket offered");
        WireAlert.assertSentInPlaintext(pair, f, Role.CLIENT, "illegal_parameter", "PSK identity 1");
    }

    private static void assertXtlsClientAnswers(Case c) {
        EnginePair pair = EnginePair.builder(xtlsClient(), sunServer(c.retry())).lenient()
                .intercept(Role.SERVER, c.serverRecords()).build();
        Failure f = pair.expectHandshakeFailure();
        WireAlert.assertSentInPlaintext(pair, f, Role.CLIENT, c.alert(), c.says());
    }

    private static SSLEngine xtlsClient() {
        SSLEngine e = tls13(Peer.XTLS.engine(Role.CLIENT, pki, null));
        e.setEnabledCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"});
        return e;
    }

    /** {@code retry}: the server takes no x25519, so the client's x25519 share gets a HelloRetryRequest. */
    private static SSLEngine sunServer(boolean retry) {
        SSLEngine e = tls13(Peer.SUN.engine(Role.SERVER, pki, pki.ecdsaP256()));
        e.setEnabledCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256"});
        if (retry) {
            SSLParameters p = e.getSSLParameters();
            p.setAlgorithmConstraints(new OnlyGroups(Set.of(NamedGroup.SECP256R1, NamedGroup.SECP384R1)));
            e.setSSLParameters(p);
        }
        return e;
    }

    private static SSLEngine tls13(SSLEngine e) {
        e.setEnabledProtocols(new String[] {"TLSv1.3"});
        return e;
    }

    /** Rewrites an extension of the first ServerHello, which is the HelloRetryRequest when one comes. */
    private static UnaryOperator<ByteBuffer> sh(int type, UnaryOperator<byte[]> data) {
        return HelloTamper.extension(SERVER_HELLO, 0, type, data);
    }

    private static UnaryOperator<ByteBuffer> chain(UnaryOperator<ByteBuffer> first, UnaryOperator<ByteBuffer> then) {
        return b -> then.apply(first.apply(b));
    }

    /** Replaces the ServerHello that follows the HelloRetryRequest with the HelloRetryRequest again. */
    private static UnaryOperator<ByteBuffer> secondRetry() {
        byte[][] retry = {null};
        return buffer -> {
            byte[] r = new byte[buffer.remaining()];
            buffer.get(r);
            if (r[0] == WireRecord.HANDSHAKE && r[5] == SERVER_HELLO) {
                if (retry[0] != null) {
                    return ByteBuffer.wrap(retry[0]);
                }
                retry[0] = r.clone();
            }
            return ByteBuffer.wrap(r);
        };
    }

    /** Sends the server's first ChangeCipherSpec record three times. */
    private static UnaryOperator<ByteBuffer> tripleChangeCipherSpec() {
        boolean[] done = {false};
        return buffer -> {
            if (done[0] || buffer.get(0) != WireRecord.CHANGE_CIPHER_SPEC) {
                return buffer;
            }
            done[0] = true;
            return ByteBuffer.allocate(3 * buffer.remaining()).put(buffer.duplicate()).put(buffer.duplicate())
                    .put(buffer).flip();
        };
    }

    /** A KeyShareEntry (RFC 8446 §4.2.8) with its group replaced. */
    private static byte[] group(byte[] entry, int group) {
        entry[0] = (byte) (group >>> 8);
        entry[1] = (byte) group;
        return entry;
    }

    private static byte[] zeroKey(byte[] entry) {
        Arrays.fill(entry, 4, entry.length, (byte) 0);
        return entry;
    }

    private static byte[] shortKey(byte[] entry) {
        byte[] out = Arrays.copyOf(entry, entry.length - 1);
        out[3]--;
        return out;
    }
}
