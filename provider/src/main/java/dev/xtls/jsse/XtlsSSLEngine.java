package dev.xtls.jsse;

import dev.xtls.engine.HandshakeFigure;
import dev.xtls.engine.HandshakeTrace;
import dev.xtls.engine.Outcome;
import dev.xtls.engine.TlsConnection;
import dev.xtls.handshake.ClientAuth;
import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.handshake.SupplementalDataTypes;
import dev.xtls.handshake.SessionStore;
import dev.xtls.session.SessionState;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.TlsException;
import dev.xtls.x509.KeyManagerCredentials;
import dev.xtls.x509.TrustManagerVerifier;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * SSLEngine over the sans-IO {@link TlsConnection}. Settings live in {@link EngineSettings} (guarded by this
 * object's monitor); the first wrap, unwrap or beginHandshake freezes them into a {@link HandshakeConfig}.
 * wrap and unwrap each take their own lock, never both, so one thread can read while another writes; neither
 * lock is needed by the callbacks (trust and key managers) the core makes from inside them.
 */
public final class XtlsSSLEngine extends SSLEngine {
    private static final SSLEngineResult CLOSED_RESULT = new SSLEngineResult(
            SSLEngineResult.Status.CLOSED, SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING, 0, 0);

    private final ContextState context;
    private final EngineSettings settings;
    private volatile XtlsSession nullSession; // made when asked for before a session exists: idle engines hold none
    private final SSLSocket socket;
    private volatile TlsConnection connection;
    private volatile XtlsSession handshakeSession;
    private volatile XtlsSession session;
    private volatile EngineSessionStore sessionStore;
    private volatile String applicationProtocol;
    private int publishedHandshakes; // guarded by this
    private volatile boolean inboundClosedEarly;
    private volatile boolean outboundClosedEarly;
    private BiFunction<SSLEngine, List<String>, String> applicationProtocolSelector;

    XtlsSSLEngine(ContextState context, String peerHost, int peerPort) {
        this(context, peerHost, peerPort, null);
    }

    /** {@code socket}, when not null, is the SSLSocket this engine drives: the managers are called with it. */
    XtlsSSLEngine(ContextState context, String peerHost, int peerPort, SSLSocket socket) {
        super(peerHost, peerPort);
        this.socket = socket;
        this.context = context;
        this.settings = new EngineSettings(context.engineDefaults());
    }

    // ---- data path ----

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        checkBuffers(srcs, offset, length, "source");
        if (dst == null) {
            throw new IllegalArgumentException("destination buffer must not be null");
        }
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        // no lock of its own: the connection serialises wraps (and unwraps), established() publishes once
        TlsConnection c = start();
        if (c == null) {
            return CLOSED_RESULT;
        }
        try {
            return result(c.wrap(srcs, offset, length, dst));
        } catch (TlsException e) {
            throw translate(e);
        }
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        if (src == null) {
            throw new IllegalArgumentException("source buffer must not be null");
        }
        checkBuffers(dsts, offset, length, "destination");
        for (int i = offset; i < offset + length; i++) {
            if (dsts[i].isReadOnly()) {
                throw new ReadOnlyBufferException();
            }
        }
        TlsConnection c = start();
        if (c == null) {
            return CLOSED_RESULT;
        }
        try {
            return result(c.unwrap(src, dsts, offset, length));
        } catch (TlsException e) {
            throw translate(e);
        }
    }

    private static void checkBuffers(ByteBuffer[] buffers, int offset, int length, String what) {
        if (buffers == null) {
            throw new IllegalArgumentException(what + " buffers must not be null");
        }
        if (offset < 0 || length < 0 || offset > buffers.length - length) {
            throw new IndexOutOfBoundsException(what + " range " + offset + "+" + length + " of " + buffers.length);
        }
        for (int i = offset; i < offset + length; i++) {
            if (buffers[i] == null) {
                throw new IllegalArgumentException(what + " buffer " + i + " is null");
            }
        }
    }

    private SSLEngineResult result(Outcome o) {
        if (o.handshakeStatus() == dev.xtls.engine.HandshakeStatus.FINISHED) {
            established(connection);
        }
        SSLEngineResult.Status status = switch (o.status()) {
            case OK -> SSLEngineResult.Status.OK;
            case BUFFER_UNDERFLOW -> SSLEngineResult.Status.BUFFER_UNDERFLOW;
            case BUFFER_OVERFLOW -> SSLEngineResult.Status.BUFFER_OVERFLOW;
            case CLOSED -> SSLEngineResult.Status.CLOSED;
        };
        SSLEngineResult.HandshakeStatus hs = switch (o.handshakeStatus()) {
            case NOT_HANDSHAKING -> SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;
            case FINISHED -> SSLEngineResult.HandshakeStatus.FINISHED;
            case NEED_WRAP -> SSLEngineResult.HandshakeStatus.NEED_WRAP;
            case NEED_UNWRAP -> SSLEngineResult.HandshakeStatus.NEED_UNWRAP;
        };
        return new SSLEngineResult(status, hs, o.bytesConsumed(), o.bytesProduced());
    }

    /** A fatal error: the connection is over, so is any copy of a master secret its handshake resumed with. */
    private SSLException translate(TlsException e) {
        EngineSessionStore store = sessionStore;
        if (store != null) {
            store.releaseCopy();
        }
        return SslExceptions.translate(e, session == null || handshakeSession != null, failureContext(e));
    }

    /** Our role's peer, what we offered and what our settings removed, for the message of a failure. */
    private SslExceptions.FailureContext failureContext(TlsException e) {
        return new SslExceptions.FailureContext(settings.clientMode() ? "the server" : "the client",
                () -> ourOffer(e.alert()), this::removedHere);
    }

    /** What the current settings offer; null if they offer nothing. */
    private String ourOffer(AlertDescription alert) {
        try {
            return OfferDescription.of(handshakeConfig(), alert);
        } catch (SSLHandshakeException e) {
            return null;
        }
    }

    /** What this provider implements but the current settings removed; null if nothing. */
    private synchronized String removedHere() {
        try {
            return RemovedBySettings.describe(context.defaults(), settings.clientMode(),
                    List.of(settings.enabledProtocols()), List.of(settings.enabledCipherSuites()), handshakeConfig());
        } catch (SSLHandshakeException e) {
            return null;
        }
    }

    /**
     * The connection, created and started on first use; null when the engine was closed before that, in which
     * case it never handshakes.
     */
    private TlsConnection start() throws SSLException {
        TlsConnection c = connection;
        if (c == null) {
            c = create();
            if (c == null) {
                return null;
            }
        }
        // outside this object's monitor: the handshake calls out (random source, managers), and a manager on
        // another thread may call getSSLParameters() while holding the connection's lock (idempotent call)
        try {
            c.beginHandshake();
        } catch (TlsException e) {
            throw translate(e);
        }
        return c;
    }

    /** Freezes the settings into the connection, once; null when the engine was closed first. */
    private synchronized TlsConnection create() throws SSLHandshakeException {
        if (connection != null) {
            return connection;
        }
        if (inboundClosedEarly || outboundClosedEarly) {
            return null;
        }
        if (!settings.modeSet()) {
            throw new IllegalStateException("Client/Server mode has not yet been set.");
        }
        TlsConnection c = new TlsConnection(nextHandshakeConfig(), this::renegotiationConfig, context.traceLog(),
                context.helloTemplates());
        connection = c;
        return c;
    }

    /** A handshake's configuration from the current settings, with its own pending session and session store. */
    private synchronized HandshakeConfig nextHandshakeConfig() throws SSLHandshakeException {
        XtlsSession pending = new XtlsSession(SessionState.initial(getPeerHost(), getPeerPort(),
                context.clock().getAsLong()));
        EngineSessionStore store = new EngineSessionStore(context.sessions(settings.clientMode()), pending,
                settings.clientMode() ? settings.endpointIdentificationAlgorithm() : null, context.tickets(),
                settings.clientMode(), context.keyManager());
        HandshakeConfig config = handshakeConfig(store);
        pending.update(pending.state().withServerNames(config.serverNames()));
        handshakeSession = pending;
        sessionStore = store;
        return config;
    }

    /**
     * A renegotiation starts (RFC 5746): settings changed since the last handshake apply (setNeedClientAuth for
     * a step-up). The session of the handshake before is published first, should nobody have asked for it yet.
     */
    private HandshakeConfig renegotiationConfig() {
        TlsConnection c = connection;
        if (c != null) {
            established(c);
        }
        try {
            return nextHandshakeConfig();
        } catch (SSLHandshakeException e) {
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "cannot renegotiate: " + e.getMessage(), e);
        }
    }

    /** The configuration the next handshake would use, built from the current settings, without sessions. */
    synchronized HandshakeConfig handshakeConfig() throws SSLHandshakeException {
        return handshakeConfig(SessionStore.NONE);
    }

    private synchronized HandshakeConfig handshakeConfig(SessionStore sessions) throws SSLHandshakeException {
        BiFunction<SSLEngine, List<String>, String> selector = applicationProtocolSelector;
        return settings.handshakeConfig(context, getPeerHost(), getPeerPort(),
                new KeyManagerCredentials(context.keyManager(), this, socket),
                new TrustManagerVerifier(context.trustManager(), this, socket, context.issuerNames(),
                        context.clock()),
                selector == null ? null : offered -> selector.apply(this, offered), sessions);
    }

    /**
     * Publishes the connection's established session once per completed handshake (a renegotiation publishes its
     * own): the cached session it resumed (its id, creation time, certificates and values, last accessed now), or
     * else the handshake session, which the core has already stored in the context's cache if it may be resumed.
     */
    private void established(TlsConnection c) {
        SessionState state = c.session();
        if (state == null) {
            return;
        }
        synchronized (this) {
            int completed = c.completedHandshakes();
            if (publishedHandshakes >= completed) {
                return;
            }
            publishedHandshakes = completed;
            XtlsSession resumed = c.sessionResumed() && sessionStore != null ? sessionStore.found() : null;
            XtlsSession s;
            if (resumed != null && resumed.state().sessionId().equals(state.sessionId())) {
                s = resumed;
                if (!state.ticket().equals(resumed.state().ticket())) {
                    s.update(resumed.state().withTicket(state.ticket())); // RFC 5077 §3.3: a renewed ticket
                }
            } else {
                s = handshakeSession != null ? handshakeSession : new XtlsSession(state);
                s.update(state);
                if (state.sessionId().isEmpty() || c.sessionResumed()) {
                    // never cached, and this handshake is done with it: no id (RFC 5246 §7.4.1.3), or resumed
                    // from a ticket or the fleet's shared cache, which keep their own sealed copy
                    s.destroySecret();
                }
            }
            if (sessionStore != null) {
                sessionStore.releaseCopy();
                sessionStore.established(s, c.sessionResumed());
            }
            s.accessed(context.clock().getAsLong());
            s.bufferSizes(c);
            s.handshakeTrace(c.handshakeTraces());
            applicationProtocol = state.applicationProtocol();
            session = s;
            handshakeSession = null;
            sessionStore = null;
        }
    }

    // ---- handshake and close ----

    @Override
    public void beginHandshake() throws SSLException {
        TlsConnection c = connection;
        if (c == null ? outboundClosedEarly || inboundClosedEarly : c.isClosing()) { // as SunJSSE
            throw new SSLException("cannot begin a handshake: the engine is closed (closeOutbound, closeInbound,"
                    + " a fatal alert or the peer's close_notify)");
        }
        if (c == null) {
            start();
            return;
        }
        try {
            c.renegotiate(); // RFC 5746: a new handshake on an established connection; ignored while one runs
        } catch (TlsException e) {
            translate(e); // releases what a failed handshake held
            // a renegotiation that cannot start, or failed starting
            throw SslExceptions.translate(e, true, failureContext(e));
        }
    }

    @Override
    public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
        TlsConnection c = connection;
        if (c == null) {
            return SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;
        }
        return switch (c.handshakeStatus()) {
            case NEED_WRAP -> SSLEngineResult.HandshakeStatus.NEED_WRAP;
            case NEED_UNWRAP -> SSLEngineResult.HandshakeStatus.NEED_UNWRAP;
            case NOT_HANDSHAKING, FINISHED -> SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;
        };
    }

    /** Always null: the core does its work inside wrap and unwrap (no NEED_TASK). */
    @Override
    public Runnable getDelegatedTask() {
        return null;
    }

    @Override
    public void closeInbound() throws SSLException {
        TlsConnection c;
        synchronized (this) {
            c = connection;
            if (c == null) {
                inboundClosedEarly = true;
                return;
            }
        }
        try {
            c.closeInbound();
        } catch (TlsException e) {
            SSLException x = new SSLException(e.getMessage() != null ? e.getMessage()
                    : "closing inbound before receiving peer's close_notify");
            x.initCause(e);
            throw x;
        }
    }

    @Override
    public boolean isInboundDone() {
        TlsConnection c = connection;
        return c == null ? inboundClosedEarly : c.isInboundDone();
    }

    @Override
    public void closeOutbound() {
        TlsConnection c;
        synchronized (this) {
            c = connection;
            if (c == null) {
                outboundClosedEarly = true;
                return;
            }
        }
        c.closeOutbound();
    }

    @Override
    public boolean isOutboundDone() {
        TlsConnection c = connection;
        return c == null ? outboundClosedEarly : c.isOutboundDone();
    }

    // ---- sessions ----

    /** The established session, or a null session (SSL_NULL_WITH_NULL_NULL, protocol NONE) until there is one. */
    @Override
    public SSLSession getSession() {
        TlsConnection c = connection;
        if (c != null) {
            established(c);
        }
        XtlsSession s = session;
        return s != null ? s : nullSession();
    }

    /** SunJSSE's null session (SSL_NULL_WITH_NULL_NULL, protocol NONE), one per engine. */
    private XtlsSession nullSession() {
        XtlsSession n = nullSession;
        if (n == null) {
            synchronized (this) {
                n = nullSession;
                if (n == null) {
                    long now = context.clock().getAsLong();
                    n = new XtlsSession(SessionState.initial(getPeerHost(), getPeerPort(), now));
                    nullSession = n;
                }
            }
        }
        return n;
    }

    /** For tests: the connection's own established session state (a resumption's copy of the secret), or null. */
    SessionState connectionSession() {
        TlsConnection c = connection;
        return c == null ? null : c.session();
    }

    /** This engine's handshakes drawn as the RFC figures (Xtls.handshakeTrace); empty before the first starts. */
    public Optional<String> handshakeTrace() {
        List<HandshakeTrace> traces = handshakeTraces();
        return traces.isEmpty() ? Optional.empty() : Optional.of(HandshakeFigure.render(traces));
    }

    /** This engine's handshakes, oldest first; empty before the first starts. */
    List<HandshakeTrace> handshakeTraces() {
        TlsConnection c = connection;
        return c == null ? List.of() : c.handshakeTraces();
    }

    /** The session being negotiated, refreshed from the core, or null outside a handshake. */
    @Override
    public SSLSession getHandshakeSession() {
        TlsConnection c = connection;
        XtlsSession s = handshakeSession;
        if (c == null || s == null) {
            return null;
        }
        SessionState state = c.handshakeSession();
        if (state == null) {
            return null;
        }
        s.update(state);
        return s;
    }

    // ---- settings ----

    @Override
    public synchronized void setUseClientMode(boolean mode) {
        if (connection != null) {
            throw new IllegalArgumentException("Cannot change mode after SSL traffic has started");
        }
        settings.setClientMode(mode);
    }

    @Override
    public synchronized boolean getUseClientMode() {
        return settings.clientMode();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return context.defaults().supportedCipherSuiteNames().toArray(new String[0]);
    }

    @Override
    public synchronized String[] getEnabledCipherSuites() {
        return settings.enabledCipherSuites();
    }

    @Override
    public synchronized void setEnabledCipherSuites(String[] suites) {
        settings.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return context.defaults().supportedProtocols().toArray(new String[0]);
    }

    @Override
    public synchronized String[] getEnabledProtocols() {
        return settings.enabledProtocols();
    }

    @Override
    public synchronized void setEnabledProtocols(String[] protocols) {
        settings.setEnabledProtocols(protocols);
    }

    @Override
    public synchronized void setNeedClientAuth(boolean need) {
        settings.setNeedClientAuth(need);
    }

    @Override
    public synchronized boolean getNeedClientAuth() {
        return settings.clientAuth() == ClientAuth.NEED;
    }

    @Override
    public synchronized void setWantClientAuth(boolean want) {
        settings.setWantClientAuth(want);
    }

    @Override
    public synchronized boolean getWantClientAuth() {
        return settings.clientAuth() == ClientAuth.WANT;
    }

    @Override
    public synchronized void setEnableSessionCreation(boolean flag) {
        settings.setEnableSessionCreation(flag);
    }

    @Override
    public synchronized boolean getEnableSessionCreation() {
        return settings.enableSessionCreation();
    }

    @Override
    public synchronized SSLParameters getSSLParameters() {
        return settings.toParameters(getPeerHost());
    }

    @Override
    public synchronized void setSSLParameters(SSLParameters params) {
        settings.apply(params);
    }

    /**
     * Changes the SupplementalData types (RFC 4680) the next handshake sends or accepts. For the static helpers of
     * {@code dev.xtls.api.Xtls}, which applications use instead.
     */
    public synchronized void updateSupplementalData(UnaryOperator<SupplementalDataTypes> change) {
        settings.setSupplementalData(change.apply(settings.supplementalData()));
    }

    /** RFC 5705 §4 / RFC 8446 §7.5 keying material of this connection's last handshake; see {@code Xtls}. */
    public byte[] exportKeyingMaterial(String label, byte[] context, int length) {
        return started().exportKeyingMaterial(label, context, length);
    }

    /** RFC 9266 tls-exporter channel binding of this connection; see {@code Xtls}. */
    public byte[] tlsExporterChannelBinding() {
        return started().tlsExporterChannelBinding();
    }

    private TlsConnection started() {
        TlsConnection c = connection;
        if (c == null) {
            throw new IllegalStateException("no handshake has completed on this connection");
        }
        return c;
    }

    synchronized SupplementalDataTypes supplementalData() {
        return settings.supplementalData();
    }

    /**
     * This connection's ALPN result: null before the handshake, "" without ALPN. It is the connection's, not the
     * session's (RFC 7301 §3.1): a resumed session may have been established with another protocol.
     */
    @Override
    public String getApplicationProtocol() {
        return session == null ? null : applicationProtocol;
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        SSLSession s = getHandshakeSession();
        return s instanceof XtlsSession x ? x.state().applicationProtocol() : null;
    }

    @Override
    public synchronized void setHandshakeApplicationProtocolSelector(
            BiFunction<SSLEngine, List<String>, String> selector) {
        applicationProtocolSelector = selector;
    }

    @Override
    public synchronized BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return applicationProtocolSelector;
    }

    @Override
    public String toString() {
        XtlsSession s = session;
        return "XtlsSSLEngine[" + getPeerHost() + ":" + getPeerPort() + ", " + (s != null ? s : nullSession()) + "]";
    }
}
