package dev.xtls.engine;

import dev.xtls.handshake.ClientHelloTemplates;
import dev.xtls.handshake.Established;
import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.RenegotiationContext;
import dev.xtls.handshake.Tls13Established;
import dev.xtls.handshake.client.ClientHandshake;
import dev.xtls.handshake.server.ServerHandshake;
import dev.xtls.record.RecordLimits;
import dev.xtls.session.SessionState;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.TlsException;
import java.util.function.Supplier;

/**
 * One TLS connection without I/O: the SSLEngine contract over byte buffers. Each direction has its own lock,
 * so wrap and unwrap may run on two threads at once; the inbound side takes the outbound lock only briefly to
 * queue handshake output (lock order: inbound, then outbound; see {@link ConnectionState}). A fatal error throws
 * {@link TlsException}; the alert is then pending (NEED_WRAP), and the wrap that sends it closes the connection.
 * <p>
 * A renegotiation (RFC 5746) runs the same handshake states again while application data keeps flowing in both
 * directions under the current keys; each direction switches at its ChangeCipherSpec (RFC 5246 §7.1).
 * <p>
 * This class runs the handshakes: the initial one, renegotiations and TLS 1.3 post-handshake requests, and their
 * contexts, made when needed and dropped when idle. Its superclasses hold the other parts: reading
 * ({@link ConnectionInbound}), closing ({@link ConnectionClosing}), writing ({@link ConnectionOutbound}), the
 * exporter ({@link ConnectionKeyingMaterial}) and the state they share ({@link ConnectionState}).
 */
public final class TlsConnection extends ConnectionInbound {
    private final Supplier<HandshakeConfig> renegotiationConfig;
    private final ClientHelloTemplates helloTemplates;

    public TlsConnection(HandshakeConfig config) {
        this(config, () -> config);
    }

    /** {@code renegotiationConfig}: the configuration of each renegotiation, asked for when one starts. */
    public TlsConnection(HandshakeConfig config, Supplier<HandshakeConfig> renegotiationConfig) {
        this(config, renegotiationConfig, HandshakeTraceListener.NONE);
    }

    /** {@code traceListener}: told of each handshake's trace when it completes or fails. */
    public TlsConnection(HandshakeConfig config, Supplier<HandshakeConfig> renegotiationConfig,
            HandshakeTraceListener traceListener) {
        this(config, renegotiationConfig, traceListener, new ClientHelloTemplates());
    }

    /** {@code helloTemplates}: shared by the connections of one SSLContext, so that they share ClientHellos' parts. */
    public TlsConnection(HandshakeConfig config, Supplier<HandshakeConfig> renegotiationConfig,
            HandshakeTraceListener traceListener, ClientHelloTemplates helloTemplates) {
        super(config, traceListener);
        this.helloTemplates = helloTemplates;
        this.renegotiationConfig = renegotiationConfig;
    }

    /** Starts the initial handshake; a call once started or after close is ignored (see {@link #renegotiate()}). */
    @Override
    public void beginHandshake() {
        if (started) {
            return;
        }
        synchronized (inLock) {
            synchronized (outLock) {
                if (started || inboundDone || outboundDone) {
                    return;
                }
                started = true;
                handshaking = true;
                context = newContext(config, RenegotiationContext.INITIAL);
                trace.handshakeStarted();
                try {
                    state = config.clientMode() ? ClientHandshake.start(context) : ServerHandshake.start(context);
                } catch (RuntimeException e) {
                    throw fail(asTlsException(e));
                }
            }
        }
    }

    /**
     * Starts a renegotiation (the application's SSLEngine.beginHandshake once established): the client sends a
     * ClientHello, the server a HelloRequest (RFC 5246 §7.4.1.1). Ignored during a handshake or after close; the
     * initial handshake if none ran. Throws, without ending the connection, when the peer did not signal RFC 5746.
     * On TLS 1.3 (no renegotiation, RFC 8446 §4.6) the established state sends a KeyUpdate or, on a server now
     * asking for client authentication, a post-handshake CertificateRequest; it throws the same way when it cannot.
     */
    public void renegotiate() {
        if (!started) {
            beginHandshake();
            return;
        }
        synchronized (inLock) {
            synchronized (outLock) {
                if (handshaking || inboundDone || outboundDone || closeQueued) {
                    return;
                }
                if (state instanceof Tls13Established established) { // RFC 8446 §4.6: no renegotiation in 1.3
                    HandshakeConfig latest = renegotiationConfig.get();
                    String refusal = established.refusal(handshakeContext(), latest);
                    if (refusal != null) {
                        dropIdleContext();
                        throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, refusal);
                    }
                    try {
                        state = established.applicationRequest(handshakeContext(), latest);
                    } catch (RuntimeException e) {
                        throw fail(asTlsException(e));
                    }
                    dropIdleContext();
                    return;
                }
                if (!(state instanceof Established established)) {
                    return;
                }
                if (!established.renegotiation().secure()) {
                    throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "cannot renegotiate: the peer did"
                            + " not signal secure renegotiation (RFC 5746) in the previous handshake, and insecure"
                            + " renegotiation is never done");
                }
                try {
                    state = established.renegotiate(nextHandshake(established.renegotiation()));
                } catch (RuntimeException e) {
                    throw fail(asTlsException(e));
                }
            }
        }
    }

    /**
     * The running handshake's context or, on an established connection, one made for a post-handshake message
     * (RFC 8446 §4.6) or a renegotiation request (RFC 5746) from the established session: an idle connection keeps
     * none (issue 13). Called with inLock held.
     */
    @Override
    HandshakeContext handshakeContext() {
        HandshakeContext c = context;
        if (c == null) {
            c = newContext(config, RenegotiationContext.INITIAL);
            c.updateSession(session);
            context = c;
        }
        return c;
    }

    /** The next handshake's context; the connection is handshaking again. Called with both locks held. */
    HandshakeContext nextHandshake(RenegotiationContext previous) {
        context = newContext(renegotiationConfig.get(), previous);
        trace.handshakeStarted();
        handshaking = true;
        return context;
    }

    private HandshakeContext newContext(HandshakeConfig handshakeConfig, RenegotiationContext previous) {
        return new HandshakeContext(handshakeConfig, new ConnectionOutput(this), previous, helloTemplates);
    }

    /** The session being negotiated, or null when no handshake is in progress. */
    public SessionState handshakeSession() {
        HandshakeContext ctx = context;
        return handshaking && ctx != null ? ctx.session() : null;
    }

    /** Largest record this connection sends or accepts: header + 2^14 + 2048 (RFC 5246 §6.2.3). */
    public static int maxPacketSize() {
        return RecordLimits.MAX_RECORD;
    }

    /** Largest plaintext of one record (RFC 5246 §6.2.1). */
    public static int maxApplicationSize() {
        return RecordLimits.MAX_PLAINTEXT;
    }
}
