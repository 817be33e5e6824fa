package dev.xtls.jsse.socket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;

/**
 * A plain server socket whose {@link #accept()} wraps each connection in an {@link XtlsSocket}. Its settings are
 * kept in an engine that never handshakes; every accepted socket starts with a copy of them (mode, SSLParameters,
 * session creation). The handshake runs on the accepted socket's first use, not in accept().
 */
public final class XtlsServerSocket extends SSLServerSocket {
    private final EngineSource source;
    private final SSLEngine settings;

    XtlsServerSocket(EngineSource source) throws IOException {
        this.source = source;
        this.settings = serverSettings(source);
    }

    XtlsServerSocket(EngineSource source, int port, int backlog, InetAddress bindAddress) throws IOException {
        super(port, backlog, bindAddress);
        this.source = source;
        this.settings = serverSettings(source);
    }

    private static SSLEngine serverSettings(EngineSource source) {
        SSLEngine e = source.newEngine(null, -1, null);
        e.setUseClientMode(false);
        return e;
    }

    /** The next connection as an XtlsSocket (server mode unless {@link #setUseClientMode} said otherwise). */
    @Override
    public Socket accept() throws IOException {
        Socket raw = super.accept();
        try {
            return new XtlsSocket(source, raw, XtlsSocket.hostOf(raw.getRemoteSocketAddress()), raw.getPort(),
                    true, settings, new byte[0]);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return settings.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return settings.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        settings.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return settings.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return settings.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        settings.setEnabledProtocols(protocols);
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        settings.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return settings.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        settings.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return settings.getWantClientAuth();
    }

    /** Accepted sockets start in client mode when true (rare: the accepting side then acts as the TLS client). */
    @Override
    public void setUseClientMode(boolean mode) {
        settings.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return settings.getUseClientMode();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        settings.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return settings.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return settings.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters params) {
        settings.setSSLParameters(params);
    }

    @Override
    public String toString() {
        return "XtlsServerSocket[" + super.toString() + "]";
    }
}
