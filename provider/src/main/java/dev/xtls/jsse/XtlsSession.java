package dev.xtls.jsse;

import dev.xtls.crypto.Secret;
import dev.xtls.engine.HandshakeFigure;
import dev.xtls.engine.HandshakeTrace;
import dev.xtls.engine.TlsConnection;
import dev.xtls.session.SessionState;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.SignatureScheme;
import java.security.Principal;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSessionBindingEvent;
import javax.net.ssl.SSLSessionBindingListener;
import javax.net.ssl.SSLSessionContext;

/**
 * The JSSE view of a {@link SessionState}. One object serves as the handshake session while the handshake runs
 * (the engine refreshes its state as the core learns more) and then as the established session, so values bound
 * during the handshake stay bound. Fields not yet negotiated read as SunJSSE's null session does.
 */
public final class XtlsSession extends ExtendedSSLSession {
    static final String NULL_CIPHER_SUITE = "SSL_NULL_WITH_NULL_NULL";
    static final String NULL_PROTOCOL = "NONE";

    private volatile SessionState state;
    private volatile XtlsSessionContext context;
    private volatile long lastAccessedTime;
    private volatile boolean invalidated;
    private volatile String endpointIdentification;
    private volatile int packetBufferSize = TlsConnection.maxPacketSize();
    private volatile int applicationBufferSize = TlsConnection.maxApplicationSize();
    // of the connection that last established it: the last handshake, the earlier ones kept (no list of one)
    private HandshakeTrace lastHandshake; // guarded by this; null before a connection established this session
    private List<HandshakeTrace> earlierHandshakes = List.of(); // guarded by this
    private Map<String, Object> values = Map.of(); // guarded by this; a map of its own from the first putValue
    /** Client: the cached TLS 1.3 tickets this session's connection received (RFC 8446 §4.6.1); guarded by this. */
    private List<XtlsSession> tickets = List.of(); // a list of its own from the first ticket

    XtlsSession(SessionState state) {
        this.state = Objects.requireNonNull(state);
        this.lastAccessedTime = state.creationTimeMillis();
    }

    /** The handshakes of the connection that last established or resumed this session. */
    synchronized void handshakeTrace(List<HandshakeTrace> traces) {
        int n = traces.size();
        lastHandshake = n == 0 ? null : traces.get(n - 1);
        earlierHandshakes = n <= 1 ? List.of() : List.copyOf(traces.subList(0, n - 1));
    }

    /** Those handshakes drawn as the RFC figures; empty when no connection established this session. */
    public Optional<String> handshakeTrace() {
        List<HandshakeTrace> t = handshakeTraces();
        return t.isEmpty() ? Optional.empty() : Optional.of(HandshakeFigure.render(t));
    }

    /** The handshakes of the connection that last established or resumed this session. */
    synchronized List<HandshakeTrace> handshakeTraces() {
        if (lastHandshake == null) {
            return List.of();
        }
        List<HandshakeTrace> all = new ArrayList<>(earlierHandshakes);
        all.add(lastHandshake);
        return List.copyOf(all);
    }

    /** The session state this view shows now; package-private: it holds the master secret. */
    SessionState state() {
        return state;
    }

    /** What was negotiated, without secrets. */
    public SessionDetails details() {
        SessionState s = state;
        return new SessionDetails(s.group(), s.peerSignatureScheme(), s.applicationProtocol(),
                s.extendedMasterSecret(), s.encryptThenMac());
    }

    /**
     * Server: the supp_data the client sent for {@code dataType} in SupplementalData (RFC 4680 §2), kept across
     * resumption. For {@code dev.xtls.api.Xtls}, which applications use instead.
     */
    public Optional<byte[]> supplementalData(int dataType) {
        return Optional.ofNullable(state.supplementalData().get(dataType)).map(Bytes::toByteArray);
    }

    /** Wipes the master secret once no cache holds this session; handshakes resume from their own copy. */
    void destroySecret() {
        Secret master = state.masterSecret();
        if (master != null) {
            master.destroy();
        }
    }

    /** An invalidated session takes the new state without what only a resumption needs. */
    void update(SessionState newState) {
        state = invalidated ? newState.withoutResumption() : Objects.requireNonNull(newState);
    }

    /** Joins the context once established; invalidate() then removes it from there. */
    void attach(XtlsSessionContext sessionContext) {
        belongsTo(sessionContext);
        sessionContext.record(this);
    }

    /** {@code sessionContext} is this session's context, which may hold no entry for it (a ticket carries it). */
    void belongsTo(XtlsSessionContext sessionContext) {
        context = sessionContext;
    }

    /**
     * The endpoint identification algorithm the peer's certificate was checked with (client side; null for
     * none): a resumption skips the check, so only a connection asking for the same one may resume.
     */
    String endpointIdentification() {
        return endpointIdentification;
    }

    void endpointIdentification(String algorithm) {
        endpointIdentification = algorithm;
    }

    void accessed(long nowMillis) {
        lastAccessedTime = nowMillis;
    }

    @Override
    public byte[] getId() {
        return state.sessionId().toByteArray();
    }

    @Override
    public SSLSessionContext getSessionContext() {
        return context;
    }

    @Override
    public long getCreationTime() {
        return state.creationTimeMillis();
    }

    @Override
    public long getLastAccessedTime() {
        return lastAccessedTime;
    }

    /**
     * Leaves the cache and destroys the master secret, also of a session a ticket carries (never cached); a session
     * still being negotiated has no context yet (its handshake owns the secret). Either way it keeps no ticket and
     * no secret from now on; the getters answer as before, as SunJSSE's. The TLS 1.3 tickets its connection
     * received leave with it, and theirs in turn (SunJSSE's child sessions).
     */
    @Override
    public void invalidate() {
        invalidated = true;
        XtlsSessionContext c = context;
        if (c != null) {
            c.remove(this);
            destroySecret();
        }
        state = state.withoutResumption();
        List<XtlsSession> own;
        synchronized (this) {
            own = tickets;
            tickets = List.of();
        }
        own.forEach(XtlsSession::invalidate);
    }

    /**
     * Client: {@code ticket} (a TLS 1.3 ticket this session's connection received, or the session of a connection
     * resumed from this ticket) is withdrawn when this session is invalidated; false (do not keep it) when this one
     * already is. Children gone from the cache are dropped here unless they have live children of their own.
     */
    boolean addTicket(XtlsSession ticket) {
        synchronized (this) {
            if (invalidated) {
                return false;
            }
            if (tickets.isEmpty()) {
                tickets = new ArrayList<>(1);
            }
            tickets.removeIf(XtlsSession::withdrawn);
            tickets.add(ticket);
            return true;
        }
    }

    /** Out of every cache with nothing left to withdraw: used once or evicted (secret destroyed), or invalidated. */
    private boolean withdrawn() {
        Secret master = state.masterSecret();
        boolean gone = invalidated || master == null || master.isDestroyed();
        synchronized (this) {
            if (!tickets.isEmpty()) {
                tickets.removeIf(XtlsSession::withdrawn);
            }
            return gone && tickets.isEmpty();
        }
    }

    /** Valid while not invalidated and resumable in principle: a session without an id never is. */
    @Override
    public boolean isValid() {
        // RFC 5246 §7.4.1.3: a 1.2 session without an id cannot be resumed; a 1.3 one has none (tickets resume it)
        SessionState s = state;
        return !invalidated && (ProtocolVersion.TLS13.equals(s.version()) || !s.sessionId().isEmpty());
    }

    @Override
    public void putValue(String name, Object value) {
        requireName(name);
        if (value == null) {
            throw new IllegalArgumentException("value must not be null");
        }
        Object old;
        synchronized (this) {
            if (values.isEmpty()) {
                values = new HashMap<>(4);
            }
            old = values.put(name, value);
        }
        if (old instanceof SSLSessionBindingListener l && old != value) {
            l.valueUnbound(new SSLSessionBindingEvent(this, name));
        }
        if (value instanceof SSLSessionBindingListener l && old != value) {
            l.valueBound(new SSLSessionBindingEvent(this, name));
        }
    }

    @Override
    public Object getValue(String name) {
        requireName(name);
        synchronized (this) {
            return values.get(name);
        }
    }

    @Override
    public void removeValue(String name) {
        requireName(name);
        Object old;
        synchronized (this) {
            old = values.isEmpty() ? null : values.remove(name); // Map.of() refuses remove
        }
        if (old instanceof SSLSessionBindingListener l) {
            l.valueUnbound(new SSLSessionBindingEvent(this, name));
        }
    }

    @Override
    public String[] getValueNames() {
        synchronized (this) {
            return values.keySet().toArray(new String[0]);
        }
    }

    @Override
    public Certificate[] getPeerCertificates() throws SSLPeerUnverifiedException {
        List<X509Certificate> peer = state.peerCertificates();
        if (peer.isEmpty()) {
            throw new SSLPeerUnverifiedException("peer not authenticated");
        }
        return peer.toArray(new Certificate[0]);
    }

    @Override
    public Certificate[] getLocalCertificates() {
        List<X509Certificate> local = state.localCertificates();
        return local.isEmpty() ? null : local.toArray(new Certificate[0]);
    }

    @Override
    public Principal getPeerPrincipal() throws SSLPeerUnverifiedException {
        List<X509Certificate> peer = state.peerCertificates();
        if (peer.isEmpty()) {
            throw new SSLPeerUnverifiedException("peer not authenticated");
        }
        return peer.get(0).getSubjectX500Principal();
    }

    @Override
    public Principal getLocalPrincipal() {
        List<X509Certificate> local = state.localCertificates();
        return local.isEmpty() ? null : local.get(0).getSubjectX500Principal();
    }

    @Override
    public String getCipherSuite() {
        SessionState s = state;
        return s.cipherSuite() == null ? NULL_CIPHER_SUITE : s.cipherSuite().name();
    }

    @Override
    public String getProtocol() {
        SessionState s = state;
        return s.version() == null ? NULL_PROTOCOL : s.version().name();
    }

    @Override
    public String getPeerHost() {
        return state.peerHost();
    }

    @Override
    public int getPeerPort() {
        return state.peerPort();
    }

    /** The connection's negotiated record sizes (RFC 6066 §4, RFC 8449 §4), as SunJSSE reports them. */
    void bufferSizes(TlsConnection connection) {
        packetBufferSize = connection.packetBufferSize();
        applicationBufferSize = connection.applicationBufferSize();
    }

    @Override
    public int getPacketBufferSize() {
        return packetBufferSize;
    }

    @Override
    public int getApplicationBufferSize() {
        return applicationBufferSize;
    }

    @Override
    public String[] getLocalSupportedSignatureAlgorithms() {
        return standardNames(state.localSignatureSchemes());
    }

    @Override
    public String[] getPeerSupportedSignatureAlgorithms() {
        return standardNames(state.peerSignatureSchemes());
    }

    @Override
    public List<SNIServerName> getRequestedServerNames() {
        List<SNIServerName> out = new ArrayList<>();
        for (String name : state.requestedServerNames()) {
            try {
                out.add(new SNIHostName(name));
            } catch (IllegalArgumentException e) {
                // the core keeps names as received; one that is not a valid host name has no SNIHostName form
            }
        }
        return List.copyOf(out);
    }

    @Override
    public List<byte[]> getStatusResponses() {
        // as SunJSSE: the stapled DER OCSPResponses, read by its X509TrustManagerImpl from the handshake session
        return state.statusResponses().stream().map(Bytes::toByteArray).toList();
    }

    private static String[] standardNames(List<SignatureScheme> schemes) {
        return schemes.stream().map(SignatureAlgorithmNames::of).distinct().toArray(String[]::new);
    }

    private static void requireName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("name must not be null");
        }
    }

    @Override
    public String toString() {
        SessionState s = state;
        return "XtlsSession[" + getProtocol() + ", " + getCipherSuite() + ", id " + s.sessionId() + "]";
    }
}
