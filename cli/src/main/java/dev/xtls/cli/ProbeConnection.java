package dev.xtls.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/** One probing handshake with Xtls's client, bounded by {@value #TIMEOUT_MILLIS} ms per connect and per read. */
final class ProbeConnection {
    static final int TIMEOUT_MILLIS = 3_000;
    static final int TICKET_WAIT_MILLIS = 1_000;

    /** A completed handshake's session, or why there was none. */
    record Result(SSLSession session, SSLException refused, IOException error, String alpn) {
    }

    private ProbeConnection() {
    }

    /** A context of its own for each probe: no session from another probe is offered. */
    static SSLContext freshContext() throws GeneralSecurityException {
        return XtlsContexts.create(null, new TrustManager[] {new TrustAll()});
    }

    static Result handshake(SSLContext context, HostPort target, String serverName, Consumer<SSLParameters> offer) {
        return handshake(context, target, serverName, offer, false);
    }

    /** {@code awaitTickets}: on TLS 1.3, read briefly so the NewSessionTickets (RFC 8446 §4.6.1) are taken in. */
    static Result handshake(SSLContext context, HostPort target, String serverName, Consumer<SSLParameters> offer,
            boolean awaitTickets) {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(target.host(), target.port()), TIMEOUT_MILLIS);
            plain.setSoTimeout(TIMEOUT_MILLIS);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, serverName,
                    target.port(), false)) {
                SSLParameters p = socket.getSSLParameters();
                offer.accept(p);
                socket.setSSLParameters(p);
                socket.startHandshake();
                if (awaitTickets && socket.getSession().getProtocol().equals("TLSv1.3")) {
                    awaitTickets(socket);
                }
                return new Result(socket.getSession(), null, null, socket.getApplicationProtocol());
            }
        } catch (SSLException e) {
            return new Result(null, e, null, null);
        } catch (IOException e) {
            return new Result(null, null, e, null);
        }
    }

    private static void awaitTickets(SSLSocket socket) throws IOException {
        socket.setSoTimeout(TICKET_WAIT_MILLIS);
        try {
            socket.getInputStream().read(new byte[1024]);
        } catch (java.net.SocketTimeoutException e) {
            // nothing more came: the tickets that did are in the session cache
        }
    }
}
