package dev.xtls.handshake.tls13;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.crypto.jca.JcaTlsCrypto;
import dev.xtls.handshake.ApplicationProtocols;
import dev.xtls.handshake.ClientAuth;
import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeOutput;
import dev.xtls.handshake.RenegotiationContext;
import dev.xtls.handshake.SessionOrigin;
import dev.xtls.keys.KeyingMaterialExporter;
import dev.xtls.record.RecordProtection;
import dev.xtls.record.RecordSizeLimits;
import dev.xtls.session.SessionState;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.wire.TlsException;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Finished check of the TLS 1.3 handshake (RFC 8446 §4.4.4): a peer's Finished over a different transcript
 * or from the other side is decrypt_error. No third-party peer can produce one: the records around it are
 * protected under keys derived from the same transcript, so a tampered handshake fails as bad_record_mac first.
 */
class Tls13SecretsTest {
    private static HandshakeContext context() {
        HandshakeConfig config = new HandshakeConfig(true, List.of(ProtocolVersion.TLS13),
                Tls13Suite.defaultSuites(), List.of(NamedGroup.X25519), List.of(SignatureScheme.ED25519), true,
                ClientAuth.NONE, List.of(), null, -1, 1 << 16, true, ApplicationProtocols.NONE, null,
                new JcaTlsCrypto(new SecureRandom()), null, null, () -> 0L);
        return new HandshakeContext(config, new NoOutput());
    }

    @Test
    void aFinishedOverTheSameTranscriptIsAcceptedAndAnyOtherIsDecryptError() {
        for (Tls13Suite suite : Tls13Suite.ALL) {
            HandshakeContext ctx = context();
            ctx.transcript().add(new byte[] {1, 0, 0, 1, 7}); // stands in for ClientHello, ServerHello
            Tls13Secrets secrets = Tls13Secrets.afterServerHello(ctx, suite, new byte[32]);
            byte[] server = secrets.finished(ctx, false);
            assertEquals(suite.hash().outputLength(), server.length);
            assertDoesNotThrow(() -> secrets.checkFinished(ctx, false, server));

            TlsException fromTheOtherSide = assertThrows(TlsException.class,
                    () -> secrets.checkFinished(ctx, true, server));
            assertEquals(AlertDescription.DECRYPT_ERROR, fromTheOtherSide.alert());

            ctx.transcript().add(new byte[] {8, 0, 0, 0}); // one more message: the transcript differs
            TlsException altered = assertThrows(TlsException.class, () -> secrets.checkFinished(ctx, false, server));
            assertEquals(AlertDescription.DECRYPT_ERROR, altered.alert());
            assertTrue(altered.getMessage().contains("server Finished does not match"), altered.getMessage());
        }
    }

    /** The handshake's output is not looked at here. */
    private static final class NoOutput implements HandshakeOutput {
        @Override
        public void handshakeMessage(byte[] encoded) {
        }

        @Override
        public void changeCipherSpec(RecordProtection next) {
        }

        @Override
        public void installWriteProtection(RecordProtection next) {
        }

        @Override
        public void changeCipherSpecBeforeNextFlight(RecordProtection next) {
        }

        @Override
        public void installReadProtection(RecordProtection next) {
        }

        @Override
        public void warningAlert(AlertDescription description) {
        }

        @Override
        public void skipEarlyData() {
        }

        @Override
        public void recordSizeLimits(RecordSizeLimits limits) {
        }

        @Override
        public void versionNegotiated(ProtocolVersion version) {
        }

        @Override
        public void handshakeComplete(SessionState session, SessionOrigin origin,
                List<ExtensionType> serverExtensions, KeyingMaterialExporter exporter) {
        }

        @Override
        public HandshakeContext renegotiation(RenegotiationContext previous) {
            throw new UnsupportedOperationException();
        }
    }
}
