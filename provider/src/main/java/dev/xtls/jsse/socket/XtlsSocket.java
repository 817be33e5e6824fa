package dev.xtls.jsse.socket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * An SSLSocket that is an {@link SSLEngine} driven over a plain socket: its own (from the factory's
 * {@code createSocket(host, port)} and unconnected variants, or accepted by {@link XtlsServerSocket}) or one it is
 * layered over. The engine does all of TLS; {@link EngineDriver} moves its bytes. Settings go straight to the
 * engine.
 *
 * <p>Handshake listeners are called on the thread that completed the handshake (the one in
 * {@code startHandshake()} or the first read, write or {@code getSession()}), after every lock is released, before
 * that call returns; an exception a listener throws is logged and does not reach the caller. SunJSSE starts a thread
 * per handshake for them instead.
 *
 * <p>The whole handshake must finish within {@value #HANDSHAKE_TIMEOUT_PROPERTY} milliseconds (default
 * {@value #DEFAULT_HANDSHAKE_TIMEOUT_MILLIS}, 0 for no limit, read when the socket is created), or it fails with a
 * {@link java.net.SocketTimeoutException} and the socket is closed, even when a peer trickles bytes. An SO_TIMEOUT
 * bounds each read as well; its timeout leaves the socket usable and the handshake deadline unchanged.
 *
 * <p>A network write blocked for {@value #WRITE_TIMEOUT_PROPERTY} milliseconds (default
 * {@value #DEFAULT_WRITE_TIMEOUT_MILLIS}, 0 for no limit, read when the socket is created) because the peer does not
 * read closes the socket and fails with a {@link java.net.SocketTimeoutException}: no thread is held for ever.
 */
public final class XtlsSocket extends DelegatingSSLSocket {
    /** System property: the bound on a whole handshake, in milliseconds; 0 or less for none. */
    public static final String HANDSHAKE_TIMEOUT_PROPERTY = "dev.xtls.handshakeTimeoutMillis";
    public static final long DEFAULT_HANDSHAKE_TIMEOUT_MILLIS = 60_000;
    /** System property: how long one network write may block (the peer not reading), in milliseconds; 0 for ever. */
    public static final String WRITE_TIMEOUT_PROPERTY = "dev.xtls.writeTimeoutMillis";
    public static final long DEFAULT_WRITE_TIMEOUT_MILLIS = 60_000;

    private static final System.Logger LOG = System.getLogger(XtlsSocket.class.getName());
    private static final byte[] NOTHING = new byte[0];

    private final EngineSource source;
    private final Socket transport;
    private final boolean ownsTransport;
    private final byte[] consumed;
    private final long handshakeTimeoutMillis = handshakeTimeoutFromProperty();
    private final long writeTimeoutMillis = Long.getLong(WRITE_TIMEOUT_PROPERTY, DEFAULT_WRITE_TIMEOUT_MILLIS);
    private final List<HandshakeCompletedListener> listeners = new CopyOnWriteArrayList<>();
    /** Guards the swap of the settings engine for the connected one; never held across I/O. */
    private final Object settingsLock = new Object();
    private volatile SSLEngine engine;
    private volatile EngineDriver driver;
    private volatile boolean closedBeforeConnect;
    private List<SNIServerName> serverNamesBeforeConnect; // guarded by settingsLock
    private BiFunction<SSLSocket, List<String>, String> selector; // guarded by settingsLock

    /** An unconnected client socket: settings wait in an engine without a peer until connect(). */
    XtlsSocket(EngineSource source) {
        this.source = source;
        this.transport = new Socket();
        this.ownsTransport = true;
        this.consumed = NOTHING;
        this.engine = source.newEngine(null, -1, this);
        this.engine.setUseClientMode(true);
    }

    /** Fresh settings of one side, for a socket made by a factory. */
    static SSLEngine defaults(EngineSource source, boolean client) {
        SSLEngine e = source.newEngine(null, -1, null);
        e.setUseClientMode(client);
        return e;
    }

    /**
     * A socket over the connected {@code transport} to {@code peerHost} (the name to send as SNI and check the
     * certificate against; never replaced by an address the name resolved to).
     *
     * @param ownsTransport close the transport with this socket (our own socket, or autoClose)
     * @param settings the engine whose settings (mode included) this socket starts with
     * @param consumed bytes already read from the transport, to be processed first
     */
    XtlsSocket(EngineSource source, Socket transport, String peerHost, int peerPort, boolean ownsTransport,
            SSLEngine settings, byte[] consumed) throws IOException {
        this.source = source;
        this.transport = transport;
        this.ownsTransport = ownsTransport;
        this.consumed = consumed.clone();
        SSLEngine e = source.newEngine(peerHost, peerPort, this);
        copySettings(settings, e);
        source.copyXtlsSettings(settings, e);
        this.engine = e;
        this.driver = newDriver(e);
    }

    /**
     * The engine that holds this socket's settings now (before connect(), the one that waits for the peer), for
     * the static helpers of {@code dev.xtls.api.Xtls}.
     */
    public SSLEngine engine() {
        synchronized (settingsLock) {
            return engine;
        }
    }

    /** The peer host an engine gets for {@code address}: the name it was made with, else the literal; no DNS. */
    static String hostOf(SocketAddress address) {
        return address instanceof InetSocketAddress isa ? isa.getHostString() : null;
    }

    static int portOf(SocketAddress address) {
        return address instanceof InetSocketAddress isa ? isa.getPort() : -1;
    }

    /** What a server socket gives the sockets it accepts; also keeps settings across connect(). */
    static void copySettings(SSLEngine from, SSLEngine to) {
        to.setUseClientMode(from.getUseClientMode());
        to.setSSLParameters(from.getSSLParameters());
        to.setEnableSessionCreation(from.getEnableSessionCreation());
    }

    private static long handshakeTimeoutFromProperty() {
        return Long.getLong(HANDSHAKE_TIMEOUT_PROPERTY, DEFAULT_HANDSHAKE_TIMEOUT_MILLIS);
    }

    private EngineDriver newDriver(SSLEngine e) throws IOException {
        return new EngineDriver(e, transport, ownsTransport, consumed, handshakeTimeoutMillis, writeTimeoutMillis,
                this::notifyHandshakeCompleted);
    }

    /** For tests: the bytes of buffer capacity the connection holds now (0 before connect()). */
    int bufferBytes() {
        EngineDriver d = driver;
        return d == null ? 0 : d.bufferBytes();
    }

    @Override
    Socket transport() {
        return transport;
    }

    // ---- connecting and closing ----

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        connect(endpoint, 0);
    }

    /** Connects the transport, then moves the settings made so far to an engine for the endpoint's host. */
    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        if (isClosed()) {
            throw new SocketException("Socket is closed");
        }
        if (driver != null) {
            throw new SocketException("already connected");
        }
        transport.connect(endpoint, timeout);
        synchronized (settingsLock) {
            SSLEngine connected = source.newEngine(hostOf(endpoint), portOf(endpoint), this);
            copySettings(engine, connected);
            source.copyXtlsSettings(engine, connected);
            if (serverNamesBeforeConnect != null) {
                SSLParameters p = connected.getSSLParameters();
                p.setServerNames(serverNamesBeforeConnect);
                connected.setSSLParameters(p);
            }
            applySelector(connected);
            engine = connected;
            driver = newDriver(connected);
        }
    }

    /**
     * Sends close_notify and closes; the transport too unless this socket was layered with autoClose false. A
     * thread blocked reading this socket wakes with a SocketException (when the transport is closed).
     */
    @Override
    public void close() throws IOException {
        EngineDriver d = driver;
        if (d != null) {
            d.close();
        } else {
            closedBeforeConnect = true;
            transport.close();
        }
    }

    @Override
    public boolean isClosed() {
        EngineDriver d = driver;
        return d != null ? d.isClosed() : closedBeforeConnect || transport.isClosed();
    }

    /** Sends close_notify (and shuts the transport's output when it is ours); reading goes on until the peer's. */
    @Override
    public void shutdownOutput() throws IOException {
        connected().shutdownOutput();
    }

    /** Closes the inbound side; see {@link EngineDriver#shutdownInput()}. */
    @Override
    public void shutdownInput() throws IOException {
        connected().shutdownInput();
    }

    @Override
    public boolean isInputShutdown() {
        EngineDriver d = driver;
        return d != null && d.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        EngineDriver d = driver;
        return d != null && d.isOutputShutdown();
    }

    @Override
    public InputStream getInputStream() throws IOException {
        EngineDriver d = connected();
        if (d.isInputShutdown()) {
            throw new SocketException("Socket input is already shutdown");
        }
        return d.inputStream();
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        EngineDriver d = connected();
        if (d.isOutputShutdown()) {
            throw new SocketException("Socket output is already shutdown");
        }
        return d.outputStream();
    }

    /** The driver of a connected, open socket; after a fatal error, an SSLException caused by that error. */
    private EngineDriver connected() throws IOException {
        EngineDriver d = driver;
        if (d == null) {
            throw new SocketException(isClosed() ? "Socket is closed" : "Socket is not connected");
        }
        d.checkOpen();
        return d;
    }

    // ---- handshake and session ----

    /**
     * Runs the handshake if it has not run; once established, a renegotiation (RFC 5746) to its end, after which
     * getSession() is the new session and the HandshakeCompletedListeners have been called again.
     */
    @Override
    public void startHandshake() throws IOException {
        connected().startHandshake();
    }

    /**
     * The session, after a handshake that this call starts if none has run; the null session
     * (SSL_NULL_WITH_NULL_NULL) when the handshake fails or the socket is closed or unconnected, as SunJSSE.
     */
    @Override
    public SSLSession getSession() {
        EngineDriver d = driver;
        if (d != null && !d.isHandshakeDone() && !d.isClosed()) {
            try {
                d.handshake();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "handshake for getSession() failed", e);
            }
        }
        return engine.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
        return engine.getHandshakeSession();
    }

    @Override
    public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener is null");
        }
        listeners.add(listener);
    }

    @Override
    public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener is null");
        }
        if (!listeners.remove(listener)) {
            throw new IllegalArgumentException("listener is not registered");
        }
    }

    private void notifyHandshakeCompleted() {
        if (listeners.isEmpty()) {
            return;
        }
        HandshakeCompletedEvent event = new HandshakeCompletedEvent(this, engine.getSession());
        for (HandshakeCompletedListener l : listeners) {
            try {
                l.handshakeCompleted(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "HandshakeCompletedListener " + l + " threw", e);
            }
        }
    }

    // ---- settings: the engine's ----

    @Override
    public String[] getSupportedCipherSuites() {
        return engine.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return engine.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        synchronized (settingsLock) {
            engine.setEnabledCipherSuites(suites);
        }
    }

    @Override
    public String[] getSupportedProtocols() {
        return engine.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return engine.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        synchronized (settingsLock) {
            engine.setEnabledProtocols(protocols);
        }
    }

    @Override
    public void setUseClientMode(boolean mode) {
        synchronized (settingsLock) {
            engine.setUseClientMode(mode);
        }
    }

    @Override
    public boolean getUseClientMode() {
        return engine.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        synchronized (settingsLock) {
            engine.setNeedClientAuth(need);
        }
    }

    @Override
    public boolean getNeedClientAuth() {
        return engine.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        synchronized (settingsLock) {
            engine.setWantClientAuth(want);
        }
    }

    @Override
    public boolean getWantClientAuth() {
        return engine.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        synchronized (settingsLock) {
            engine.setEnableSessionCreation(flag);
        }
    }

    @Override
    public boolean getEnableSessionCreation() {
        return engine.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return engine.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters params) {
        synchronized (settingsLock) {
            engine.setSSLParameters(params);
            if (driver == null && params.getServerNames() != null) {
                serverNamesBeforeConnect = List.copyOf(params.getServerNames());
            }
        }
    }

    @Override
    public String getApplicationProtocol() {
        return engine.getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return engine.getHandshakeApplicationProtocol();
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLSocket, List<String>, String> selector) {
        synchronized (settingsLock) {
            this.selector = selector;
            applySelector(engine);
        }
    }

    @Override
    public BiFunction<SSLSocket, List<String>, String> getHandshakeApplicationProtocolSelector() {
        synchronized (settingsLock) {
            return selector;
        }
    }

    /** The engine's selector asks the socket's with this socket in place of the engine. */
    private void applySelector(SSLEngine e) {
        BiFunction<SSLSocket, List<String>, String> s = selector;
        e.setHandshakeApplicationProtocolSelector(s == null ? null : (ignored, offered) -> s.apply(this, offered));
    }

    @Override
    public String toString() {
        EngineDriver d = driver;
        return "XtlsSocket[" + (d == null ? (isClosed() ? "closed" : "unconnected") : d) + ", "
                + engine.getSession() + ", " + transport + "]";
    }
}
