package dev.xtls.jsse.socket;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.Objects;
import javax.net.ssl.SSLSocketFactory;

/**
 * Client sockets of one SSLContext, and server-mode sockets layered over accepted connections. Each socket is
 * an engine of that context over a plain socket; the engine's peer host is the name the caller gave (for SNI and
 * the certificate check), never an address it resolved to.
 */
public final class XtlsSocketFactory extends SSLSocketFactory {
    private final EngineSource source;

    public XtlsSocketFactory(EngineSource source) {
        this.source = Objects.requireNonNull(source);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return source.defaultCipherSuites(true);
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return source.supportedCipherSuites();
    }

    /** Unconnected; {@code connect()} picks the peer host from the address (its name, or its literal). */
    @Override
    public Socket createSocket() {
        return new XtlsSocket(source);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return over(new Socket(host, port), host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return over(new Socket(host, port, localHost, localPort), host, port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return over(new Socket(host, port), XtlsSocket.hostOf(new InetSocketAddress(host, port)), port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return over(new Socket(address, port, localAddress, localPort),
                XtlsSocket.hostOf(new InetSocketAddress(address, port)), port);
    }

    /**
     * A client socket layered over the connected {@code s}; {@code host} (null: the name or literal {@code s} was
     * connected with) is the peer host. {@code autoClose}: closing this socket closes {@code s}.
     */
    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        Objects.requireNonNull(s, "the existing socket cannot be null");
        if (!s.isConnected()) {
            throw new SocketException("Underlying socket is not connected");
        }
        String peerHost = host != null ? host : XtlsSocket.hostOf(s.getRemoteSocketAddress());
        return new XtlsSocket(source, s, peerHost, port, autoClose, XtlsSocket.defaults(source, true), new byte[0]);
    }

    /**
     * A server-mode socket layered over the connected {@code s}, from which the bytes in {@code consumed} (may be
     * null) were already read; they are processed first.
     */
    @Override
    public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
        Objects.requireNonNull(s, "the existing socket cannot be null");
        if (!s.isConnected()) {
            throw new SocketException("Underlying socket is not connected");
        }
        byte[] bytes = consumed == null ? new byte[0] : consumed.readAllBytes();
        return new XtlsSocket(source, s, XtlsSocket.hostOf(s.getRemoteSocketAddress()), s.getPort(), autoClose,
                XtlsSocket.defaults(source, false), bytes);
    }

    private XtlsSocket over(Socket connected, String host, int port) throws IOException {
        try {
            return new XtlsSocket(source, connected, host, port, true, XtlsSocket.defaults(source, true), new byte[0]);
        } catch (IOException | RuntimeException e) {
            connected.close();
            throw e;
        }
    }
}
