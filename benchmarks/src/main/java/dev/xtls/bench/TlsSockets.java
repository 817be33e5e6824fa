package dev.xtls.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** Loopback {@link SSLServerSocket}s and client {@link SSLSocket}s of one implementation, pinned to one suite. */
final class TlsSockets {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final String protocol;
    private final String suite;

    TlsSockets(String protocol, String suite) {
        this.protocol = protocol;
        this.suite = suite;
    }

    /** A server socket on an ephemeral loopback port offering only this protocol and suite. */
    SSLServerSocket server(SSLContext ctx, int backlog) throws IOException {
        SSLServerSocket s = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, backlog, LOOPBACK);
        s.setEnabledProtocols(new String[] {protocol});
        s.setEnabledCipherSuites(new String[] {suite});
        return s;
    }

    /**
     * A client socket connected to {@code port}, layered over a plain socket so that it can name "localhost" (SNI,
     * RFC 6066 §3) and check the server's name (HTTPS) while connecting to the loopback address itself.
     */
    SSLSocket client(SSLContext ctx, int port) throws IOException {
        Socket plain = new Socket(LOOPBACK, port);
        plain.setTcpNoDelay(true); // as servers and Netty set it: else Nagle holds each sub-MSS record for an ACK
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, "localhost", port, true);
        SSLParameters p = s.getSSLParameters();
        p.setProtocols(new String[] {protocol});
        p.setCipherSuites(new String[] {suite});
        p.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(p);
        return s;
    }

    /** Accepts a connection on {@code server}, Nagle off as at the client. */
    static SSLSocket accept(SSLServerSocket server) throws IOException {
        SSLSocket s = (SSLSocket) server.accept();
        s.setTcpNoDelay(true);
        return s;
    }

    /** Fails unless {@code s} negotiated this protocol and suite. */
    void check(Impl impl, SSLSocket s) {
        String negotiated = s.getSession().getProtocol() + " " + s.getSession().getCipherSuite();
        if (!(protocol + " " + suite).equals(negotiated)) {
            throw new IllegalStateException(impl.label() + " negotiated " + negotiated);
        }
    }
}
