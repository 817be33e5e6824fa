package dev.xtls.handshake;

import dev.xtls.keys.KeyingMaterialExporter;
import dev.xtls.record.RecordProtection;
import dev.xtls.record.RecordSizeLimits;
import dev.xtls.session.SessionState;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.ProtocolVersion;
import java.util.List;

/** What the handshake asks of the connection around it. Calls are made in protocol order. */
public interface HandshakeOutput {
    /** Queues an encoded handshake message under the current write protection. */
    void handshakeMessage(byte[] encoded);

    /** Queues ChangeCipherSpec; records after it are protected with {@code next} (RFC 5246 §7.1). */
    void changeCipherSpec(RecordProtection next);

    /**
     * Records queued after this are protected with {@code next}, without a ChangeCipherSpec: TLS 1.3 changes
     * keys at fixed points of the handshake (RFC 8446 §5.1, §7.3).
     */
    void installWriteProtection(RecordProtection next);

    /**
     * RFC 8446 Appendix D.4: the client's compatibility ChangeCipherSpec, then {@code next} for what follows, held
     * until the next thing it sends (its second flight, or an alert), so that both go out together.
     */
    void changeCipherSpecBeforeNextFlight(RecordProtection next);

    /** The peer's ChangeCipherSpec was accepted: its next records are protected with {@code next}. */
    void installReadProtection(RecordProtection next);

    void warningAlert(AlertDescription description);

    /**
     * Server: the ClientHello offered early_data, which we never accept: the client's 0-RTT records are skipped,
     * bounded, until one opens under the handshake keys (RFC 8446 §4.2.10).
     */
    void skipEarlyData();

    /**
     * The hellos agreed on record sizes (RFC 6066 §4, RFC 8449 §4): records queued from now on, and the peer's
     * from its next record on, keep to {@code limits}.
     */
    void recordSizeLimits(RecordSizeLimits limits);

    /** The hellos agreed on {@code version}: every later record from the peer must carry it (RFC 5246 §6.2.1). */
    void versionNegotiated(ProtocolVersion version);

    /**
     * Both Finished messages are verified: the connection carries application data under {@code session};
     * {@code origin} says whether a full handshake made it or how it was resumed (RFC 5246 §7.3, Figure 2);
     * {@code serverExtensions} are those of ServerHello and EncryptedExtensions, in order. {@code exporter}: the
     * connection's new keying material exporter, owned by the connection from now on; null when this handshake
     * made none (TLS 1.2 without extended master secret, RFC 7627 §5.4; a post-handshake authentication).
     */
    void handshakeComplete(SessionState session, SessionOrigin origin, List<ExtensionType> serverExtensions,
            KeyingMaterialExporter exporter);

    /**
     * A renegotiation the peer asked for starts: the connection is handshaking again, with application data still
     * flowing under the current keys; returns the new handshake's context, bound to {@code previous}.
     */
    HandshakeContext renegotiation(RenegotiationContext previous);
}
