package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.Peer;
import dev.xtls.testing.PlaintextHandshake;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import dev.xtls.testing.WireRecord;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A ClientHello of any size its fields can hold is processed, whatever records carry it; the limit is
 * {@code HandshakeAssembler.MAX_CLIENT_HELLO} (131396 bytes, as OpenSSL's CLIENT_HELLO_MAX_LENGTH), and a larger one is
 * refused from its 4-byte header. SunJSSE builds the large hello itself: ALPN (RFC 7301 §3.1) with a list of
 * nearly 2^16 bytes, so the hello is larger than the 65536-byte default of jdk.tls.maxHandshakeMessageSize.
 */
class LargeClientHelloTest {
    private static final String ECDSA_128 = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    /** 260 protocol names of 250 bytes: an ALPN list of 65,260 bytes. */
    private static String[] manyProtocols() {
        return IntStream.range(0, 260).mapToObj(i -> String.format("%03d", i) + "x".repeat(247))
                .toArray(String[]::new);
    }

    private static SSLEngine sunClientWithLargeHello(String protocol) {
        SSLEngine client = Peer.SUN.context(Peer.TLS, pki).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        SSLParameters p = client.getSSLParameters();
        p.setProtocols(new String[] {protocol});
        p.setApplicationProtocols(manyProtocols());
        client.setSSLParameters(p);
        return client;
    }

    private static SSLEngine xtlsServer() {
        SSLEngine server = Peer.XTLS.context(Peer.TLS, pki, pki.ecdsaP256()).createSSLEngine();
        server.setUseClientMode(false);
        return server;
    }

    /** Cuts each handshake record before ChangeCipherSpec into records of at most {@code size} content bytes. */
    private static UnaryOperator<ByteBuffer> fragments(int size) {
        boolean[] encrypting = {false};
        return buffer -> {
            byte[] r = new byte[buffer.remaining()];
            buffer.get(r);
            encrypting[0] |= r[0] == WireRecord.CHANGE_CIPHER_SPEC;
            if (r[0] != WireRecord.HANDSHAKE || encrypting[0]) {
                return ByteBuffer.wrap(r);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int at = 5; at < r.length; at += size) {
                int n = Math.min(size, r.length - at);
                out.write(r, 0, 3);
                out.write(n >>> 8);
                out.write(n);
                out.write(r, at, n);
            }
            return ByteBuffer.wrap(out.toByteArray());
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void serverCompletesAHandshakeWhoseClientHelloExceedsTheDefaultMessageLimit(String protocol) {
        EnginePair pair = EnginePair.builder(sunClientWithLargeHello(protocol), xtlsServer()).build();
        pair.handshake();
        int helloLength = PlaintextHandshake.of(pair.records(Role.CLIENT)).messages().get(0).body().length;
        assertTrue(helloLength > 65536 && helloLength <= 131396, "ClientHello of " + helloLength + " bytes");
        assertEquals(protocol, pair.engine(Role.SERVER).getSession().getProtocol());
    }

    @Test
    void serverCompletesAHandshakeWhoseLargeClientHelloComesInManySmallRecords() {
        EnginePair pair = EnginePair.builder(sunClientWithLargeHello("TLSv1.2"), xtlsServer())
                .intercept(Role.CLIENT, fragments(500)).build();
        pair.handshake();
        long helloRecords = pair.records(Role.CLIENT).stream().filter(r -> r.contentType() == WireRecord.HANDSHAKE)
                .count();
        assertTrue(helloRecords > 130, helloRecords + " handshake records");
    }

    @Test
    void serverRefusesAClientHelloAboveTheLimitFromItsHeader() {
        SSLEngine client = Peer.SUN.engine(Role.CLIENT, pki, null, ECDSA_128);
        SSLEngine server = xtlsServer();
        Failure f = EnginePair.builder(client, server).lenient().intercept(Role.CLIENT, Tamper.handshake(1, r -> {
            byte[] claimed = Arrays.copyOf(r, r.length);
            claimed[6] = 0x02;
            claimed[7] = 0x01;
            claimed[8] = 0x45; // 131397 bytes: one more than a ClientHello's fields can hold
            return claimed;
        })).build().expectHandshakeFailure();
        assertEquals("illegal_parameter", f.alertReceivedBy(Role.CLIENT).orElseThrow(), f.toString());
        String message = f.server().getMessage();
        assertTrue(message.contains("131397") && message.contains("limit of 131396"), message);
    }
}
