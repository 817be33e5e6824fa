package dev.xtls.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.EnginePair.Mode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The harness itself: failures are reported, tampering works, and its contract checks can fail. */
class EnginePairBehaviourTest {

    static final String SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    static final Duration BOUND = Duration.ofSeconds(20);
    static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

    private static TestPki pki;

    @BeforeAll
    static void createPki() {
        pki = TestPki.create();
    }

    private static EnginePair.Builder pair(Peer client, Peer server, Credential serverCred) {
        return EnginePair.builder(client.engine(Role.CLIENT, pki, null, SUITE),
                server.engine(Role.SERVER, pki, serverCred, SUITE));
    }

    @ParameterizedTest(name = "{0} client, {1} server, {2} certificate")
    @CsvSource({"SUN,SUN,untrusted", "SUN,SUN,expired", "SUN,SUN,otherHost", "BC,SUN,untrusted",
        "BC,SUN,expired", "BC,SUN,otherHost", "SUN,BC,untrusted"})
    void reportsTheAlertTheServerReceivesWhenTheClientRejectsItsCertificate(Peer client, Peer server,
            String which) {
        Credential bad = switch (which) {
            case "untrusted" -> pki.untrusted();
            case "expired" -> pki.expired();
            default -> pki.otherHost();
        };
        EnginePair pair = pair(client, server, bad).build();
        Failure f = assertTimeoutPreemptively(BOUND, pair::expectHandshakeFailure);

        assertTrue(f.of(Role.CLIENT).isPresent(), "client detected the bad certificate");
        List<String> sent = pair.plaintextAlerts(Role.CLIENT);
        assertEquals(1, sent.size(), "client sends one alert: " + sent);
        assertEquals(sent.get(0), f.alertReceivedBy(Role.SERVER).orElseThrow(
                () -> new AssertionError("server exception names no received alert\n" + pair.describe(), f.server())));
        assertEquals(f.alertReceivedBy(Role.SERVER), pair.receivedAlert(Role.SERVER));
        assertTrue(pair.receivedAlert(Role.CLIENT).isEmpty(), "client did not receive an alert");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void tamperedApplicationDataIsRejectedAndTheSenderReceivesBadRecordMac(Mode mode) {
        EnginePair pair = pair(Peer.SUN, Peer.SUN, pki.ecdsaP256()).mode(mode)
                .intercept(Role.CLIENT, flipLastByteOf(WireRecord.APPLICATION_DATA)).build();
        pair.handshake();
        Failure f = assertTimeoutPreemptively(BOUND, () -> pair.expectTransferFailure(HELLO, new byte[0]));
        assertTrue(f.of(Role.SERVER).isPresent());
        assertEquals("bad_record_mac", f.alertReceivedBy(Role.CLIENT).orElseThrow());
        assertTrue(pair.plaintextAlerts(Role.SERVER).isEmpty(), "the alert is encrypted after Finished");
    }

    @ParameterizedTest
    @CsvSource({"BC,SUN", "SUN,BC", "SUN,SUN"})
    void aTamperedClientRandomBreaksTheServerKeyExchangeSignature(Peer client, Peer server) {
        // The server signs the client random it received (RFC 5246 §7.4.3); the client checks the one it sent.
        EnginePair pair = pair(client, server, pki.ecdsaP256()).intercept(Role.CLIENT, r -> {
            if (r.get(0) == WireRecord.HANDSHAKE && r.get(5) == 1) {
                r.put(20, (byte) (r.get(20) ^ 0x01));
            }
            return r;
        }).build();
        Failure f = assertTimeoutPreemptively(BOUND, pair::expectHandshakeFailure);
        assertTrue(f.of(Role.CLIENT).isPresent(), "client rejects the ServerKeyExchange signature");
        String received = f.alertReceivedBy(Role.SERVER).orElseThrow(() -> new AssertionError(pair.describe()));
        assertEquals(pair.plaintextAlerts(Role.CLIENT), List.of(received));
        // RFC 5246 §7.2.2 says decrypt_error; SunJSSE sends handshake_failure for a bad ServerKeyExchange.
        assertEquals(client == Peer.SUN ? "handshake_failure" : "decrypt_error", received);
    }

    @Test
    void failsInsteadOfHangingWhenRecordsAreDropped() {
        EnginePair pair = pair(Peer.SUN, Peer.SUN, pki.ecdsaP256()).intercept(Role.SERVER, r -> null).build();
        AssertionError e = assertThrows(AssertionError.class,
                () -> assertTimeoutPreemptively(BOUND, pair::handshake));
        assertTrue(e.getMessage().contains("no progress"), e.getMessage());
    }

    @Test
    void capturesEachDirectionAsRecords() {
        EnginePair pair = pair(Peer.SUN, Peer.BC, pki.ecdsaP256()).build();
        pair.handshake();
        pair.transfer(HELLO, HELLO);
        pair.close(Role.SERVER);
        List<WireRecord> fromClient = pair.records(Role.CLIENT);
        assertEquals(WireRecord.HANDSHAKE, fromClient.get(0).contentType());
        assertEquals(1, fromClient.get(0).fragment()[0], "first handshake message is ClientHello");
        assertTrue(fromClient.stream().anyMatch(r -> r.contentType() == WireRecord.CHANGE_CIPHER_SPEC));
        assertTrue(pair.records(Role.SERVER).stream().anyMatch(r -> r.contentType() == WireRecord.APPLICATION_DATA));
        assertTrue(pair.engine(Role.CLIENT).isInboundDone() && pair.engine(Role.SERVER).isOutboundDone());
    }

    // ---- the checks can fail -------------------------------------------------------------------------------

    @Test
    void flagsAnUnwrapThatAnswersOkForAPartialRecord() {
        SSLEngine server = new ForwardingEngine(Peer.SUN.engine(Role.SERVER, pki, pki.ecdsaP256(), SUITE), null,
                (src, r) -> r.getStatus() == Status.BUFFER_UNDERFLOW
                        ? new SSLEngineResult(Status.OK, r.getHandshakeStatus(), 0, 0) : r);
        EnginePair pair = EnginePair.builder(Peer.SUN.engine(Role.CLIENT, pki, null, SUITE), server)
                .mode(Mode.ONE_BYTE_AT_A_TIME).build();
        AssertionError e = assertThrows(AssertionError.class, pair::handshake);
        assertTrue(e.getMessage().contains("must return BUFFER_UNDERFLOW"), e.getMessage());
    }

    @Test
    void flagsAWrapResultThatMiscountsBytesProduced() {
        SSLEngine client = new ForwardingEngine(Peer.SUN.engine(Role.CLIENT, pki, null, SUITE),
                (dst, r) -> new SSLEngineResult(r.getStatus(), r.getHandshakeStatus(), r.bytesConsumed(),
                        r.bytesProduced() + 1), null);
        EnginePair pair = EnginePair.builder(client, Peer.SUN.engine(Role.SERVER, pki, pki.ecdsaP256(), SUITE))
                .lenient().build();
        pair.handshake();
        assertFalse(pair.violations().isEmpty());
        AssertionError e = assertThrows(AssertionError.class, pair::assertLegalResults);
        assertTrue(e.getMessage().contains("but the buffers moved"), e.getMessage());
    }

    @Test
    void flagsFinishedReportedTwice() {
        SSLEngine server = new ForwardingEngine(Peer.SUN.engine(Role.SERVER, pki, pki.ecdsaP256(), SUITE), null,
                (src, r) -> r.getStatus() == Status.OK && r.bytesProduced() > 0
                        ? new SSLEngineResult(Status.OK, HandshakeStatus.FINISHED, r.bytesConsumed(),
                                r.bytesProduced())
                        : r);
        EnginePair pair = EnginePair.builder(Peer.SUN.engine(Role.CLIENT, pki, null, SUITE), server).build();
        pair.transfer(HELLO, HELLO);
        AssertionError e = assertThrows(AssertionError.class, pair::assertLegalResults);
        assertTrue(e.getMessage().contains("SERVER reported FINISHED 2 times"), e.getMessage());
    }

    private static Function<ByteBuffer, ByteBuffer> flipLast(int contentType) {
        return r -> {
            if (r.get(0) == contentType) {
                int last = r.limit() - 1;
                r.put(last, (byte) (r.get(last) ^ 0x01));
            }
            return r;
        };
    }

    private static java.util.function.UnaryOperator<ByteBuffer> flipLastByteOf(int contentType) {
        Function<ByteBuffer, ByteBuffer> f = flipLast(contentType);
        return f::apply;
    }
}
