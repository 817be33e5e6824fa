package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.HelloExtensions;
import dev.xtls.testing.Peer;
import dev.xtls.testing.PlaintextHandshake;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import dev.xtls.testing.WireRecord;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * record_size_limit (RFC 8449) and SSLParameters.setMaximumPacketSize, checked on the wire: a client with a
 * 1024-byte packet size announces 1024 - 325 = 699 bytes and keeps its own records to 1024 bytes, also with
 * SunJSSE, which knows no record_size_limit.
 */
class RecordSizeLimitInteropTest {
    private static final int PACKET = 1024;
    private static final int LIMIT = PACKET - 325;
    /** Largest growth of a GCM record: 8-byte explicit nonce and 16-byte tag (TLS 1.3: type byte and tag). */
    private static final int GCM_EXPANSION = 24;
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    private static byte[] data(int n, int seed) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) seed);
        return b;
    }

    private static SSLEngine engine(SSLContext ctx, Role role, String protocol, int packetSize) {
        SSLEngine e = Peer.engine(ctx, role);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {protocol});
        p.setMaximumPacketSize(packetSize);
        e.setSSLParameters(p);
        return e;
    }

    private static SSLEngine server(Peer peer, String protocol) {
        return engine(peer.context(Peer.TLS, pki, pki.rsa2048()), Role.SERVER, protocol, 0);
    }

    private static SSLEngine client(Peer peer, String protocol, int packetSize) {
        return engine(peer.context(Peer.TLS, pki), Role.CLIENT, protocol, packetSize);
    }

    /** Fragment lengths of the application_data records (type 23: all protected records in TLS 1.3). */
    private static List<Integer> protectedFragments(EnginePair pair, Role from) {
        return pair.records(from).stream().filter(r -> r.contentType() == WireRecord.APPLICATION_DATA)
                .map(r -> r.bytes().length - WireRecord.HEADER_LENGTH).toList();
    }

    private static int largest(List<Integer> lengths) {
        return lengths.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    private static void transfer(EnginePair pair) {
        pair.handshake();
        pair.transfer(data(5000, 1), data(5000, 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void xtlsServerKeepsToTheLimitAnXtlsClientDerivesFromItsPacketSize(String protocol) {
        EnginePair pair = EnginePair.of(client(Peer.XTLS, protocol, PACKET), server(Peer.XTLS, protocol),
                EnginePair.Mode.NORMAL);
        transfer(pair);
        int server = largest(protectedFragments(pair, Role.SERVER));
        assertTrue(server <= LIMIT + GCM_EXPANSION && server > LIMIT, "server record fragments " + server);
        assertTrue(pair.records(Role.CLIENT).stream().skip(1).allMatch(r -> r.bytes().length <= PACKET),
                "client records " + pair.records(Role.CLIENT).stream().map(r -> r.bytes().length).toList());
        // as SunJSSE: the session reports the smaller sizes once they are agreed
        assertEquals(LIMIT, pair.engine(Role.CLIENT).getSession().getApplicationBufferSize());
        assertEquals(PACKET, pair.engine(Role.CLIENT).getSession().getPacketBufferSize());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void xtlsClientKeepsItsRecordsToItsPacketSizeWithSunJsse(String protocol) {
        // SunJSSE ignores record_size_limit: only our own records get smaller, as SunJSSE's own would
        EnginePair pair = EnginePair.of(client(Peer.XTLS, protocol, PACKET), server(Peer.SUN, protocol),
                EnginePair.Mode.NORMAL);
        transfer(pair);
        int client = largest(protectedFragments(pair, Role.CLIENT));
        assertTrue(client + WireRecord.HEADER_LENGTH <= PACKET && client > PACKET - 100, "client fragments "
                + protectedFragments(pair, Role.CLIENT));
        assertTrue(largest(protectedFragments(pair, Role.SERVER)) > 5000, "SunJSSE sent one record");
        assertEquals(16384, pair.engine(Role.CLIENT).getSession().getApplicationBufferSize());
    }

    @Test
    void xtlsClientRejectsARecordSizeLimitBelowSixtyFour() {
        Failure f = EnginePair.builder(client(Peer.XTLS, "TLSv1.2", 0), server(Peer.SUN, "TLSv1.2")).lenient()
                .intercept(Role.SERVER, HelloExtensions.with(PlaintextHandshake.SERVER_HELLO, 28,
                        new byte[] {0, 63}))
                .build().expectHandshakeFailure();
        assertEquals("illegal_parameter", f.alertReceivedBy(Role.SERVER).orElseThrow(), f.toString());
        assertTrue(f.client().getMessage().contains("record_size_limit 63"), f.client().getMessage());
    }

    @Test
    void xtlsServerAnswersAClientsRecordSizeLimitBelowSixtyFourWithIllegalParameter() {
        Failure f = EnginePair.builder(client(Peer.SUN, "TLSv1.2", 0), server(Peer.XTLS, "TLSv1.2")).lenient()
                .intercept(Role.CLIENT, HelloExtensions.with(PlaintextHandshake.CLIENT_HELLO, 28,
                        new byte[] {0, 10}))
                .build().expectHandshakeFailure();
        assertEquals("illegal_parameter", f.alertReceivedBy(Role.CLIENT).orElseThrow(), f.toString());
    }

    @Test
    void xtlsServerAnswersAnInvalidMaxFragmentLengthWithIllegalParameter() {
        // RFC 6066 §4: a value other than 1..4
        Failure f = EnginePair.builder(client(Peer.SUN, "TLSv1.2", 0), server(Peer.XTLS, "TLSv1.2")).lenient()
                .intercept(Role.CLIENT, HelloExtensions.with(PlaintextHandshake.CLIENT_HELLO, 1, new byte[] {9}))
                .build().expectHandshakeFailure();
        assertEquals("illegal_parameter", f.alertReceivedBy(Role.CLIENT).orElseThrow(), f.toString());
    }

    @Test
    void xtlsServerFragmentsItsFlightToAClientsMaxFragmentLength() {
        // SunJSSE asks for no max_fragment_length here (jsse.enableMFLNExtension is read once per JVM): added on
        // the wire, it makes every Xtls server record from the ServerHello on at most 2^9 bytes of plaintext
        EnginePair pair = EnginePair.builder(client(Peer.SUN, "TLSv1.2", 0), server(Peer.XTLS, "TLSv1.2"))
                .lenient().intercept(Role.CLIENT, HelloExtensions.with(PlaintextHandshake.CLIENT_HELLO, 1,
                        new byte[] {1}))
                .build();
        Failure f = pair.expectHandshakeFailure(); // SunJSSE did not ask for the answer: unsupported_extension
        assertTrue(f.alertReceivedBy(Role.SERVER).isPresent(), f.toString());
        List<WireRecord> flight = pair.records(Role.SERVER).stream()
                .filter(r -> r.contentType() == WireRecord.HANDSHAKE).toList();
        assertTrue(flight.size() > 2 && flight.stream().allMatch(r -> r.bytes().length <= 512 + 5),
                "server records " + flight.stream().map(r -> r.bytes().length).toList());
    }

    /** Joins the second and third records a side sends into one (the first holds the ServerHello). */
    static UnaryOperator<ByteBuffer> joinSecondAndThirdRecords() {
        ByteBuffer[] held = new ByteBuffer[1];
        int[] seen = {0};
        return record -> {
            seen[0]++;
            if (seen[0] == 2) {
                held[0] = ByteBuffer.allocate(record.remaining()).put(record).flip();
                return ByteBuffer.allocate(0);
            }
            if (seen[0] != 3) {
                return record;
            }
            int length = held[0].remaining() - 5 + record.remaining() - 5;
            ByteBuffer joined = ByteBuffer.allocate(5 + length);
            joined.put(held[0].get(0)).put(held[0].get(1)).put(held[0].get(2)).putShort((short) length);
            joined.put(held[0].position(5)).put(record.position(record.position() + 5));
            return joined.flip();
        };
    }

    @Test
    void xtlsClientAnswersARecordOverTheMaxFragmentLengthWithRecordOverflow() {
        SSLContext ctx = withMaxFragmentLengthExtension();
        SSLEngine client = engine(ctx, Role.CLIENT, "TLSv1.2", PACKET); // asks for 2^9
        // without record_size_limit in the ClientHello the server agrees to max_fragment_length; the broken
        // transcript would fail only the Finished, after the overflow
        Failure f = EnginePair.builder(client, server(Peer.XTLS, "TLSv1.2")).lenient()
                .intercept(Role.CLIENT, HelloExtensions.without(PlaintextHandshake.CLIENT_HELLO, 28))
                .intercept(Role.SERVER, joinSecondAndThirdRecords()).build().expectHandshakeFailure();
        assertEquals("record_overflow", f.alertReceivedBy(Role.SERVER).orElse(null), f.toString());
        assertTrue(f.client().getMessage().contains("exceeds the 512 bytes"), f.client().getMessage());
    }

    /** An Xtls client context made while jsse.enableMFLNExtension=true (read when the context is made). */
    private static SSLContext withMaxFragmentLengthExtension() {
        String key = "jsse.enableMFLNExtension";
        synchronized (Peer.class) {
            String before = System.getProperty(key);
            System.setProperty(key, "true");
            try {
                return Peer.XTLS.context(Peer.TLS, pki);
            } finally {
                if (before == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, before);
                }
            }
        }
    }
}
