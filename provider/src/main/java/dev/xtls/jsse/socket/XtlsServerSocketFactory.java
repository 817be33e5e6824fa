package dev.xtls.jsse.socket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Objects;
import javax.net.ssl.SSLServerSocketFactory;

/** Server sockets of one SSLContext; see {@link XtlsServerSocket}. */
public final class XtlsServerSocketFactory extends SSLServerSocketFactory {
    private static final int DEFAULT_BACKLOG = 50;

    private final EngineSource source;

    public XtlsServerSocketFactory(EngineSource source) {
        this.source = Objects.requireNonNull(source);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return source.defaultCipherSuites(false);
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return source.supportedCipherSuites();
    }

    /** Unbound. */
    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new XtlsServerSocket(source);
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return new XtlsServerSocket(source, port, DEFAULT_BACKLOG, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        return new XtlsServerSocket(source, port, backlog, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress ifAddress) throws IOException {
        return new XtlsServerSocket(source, port, backlog, ifAddress);
    }
}
