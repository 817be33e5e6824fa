package dev.xtls.it.load;

import dev.xtls.jsse.XtlsSession;
import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * The kinds of connection {@link Soak} mixes, each an Xtls client with its own context (so resumption has the
 * previous connection's session): handshake, "ping" answered, the kind's action, "ping" answered again, close.
 */
enum SoakConnection {
    /** TLS 1.2, the session invalidated afterwards so that the next one is full again. */
    FULL_12(Peer.TLS12, false),
    /** TLS 1.2 resumed by session id (tickets off, RFC 5246 §7.3). */
    RESUMED_ID_12(Peer.TLS12, false),
    /** TLS 1.2 resumed by session ticket (RFC 5077). */
    RESUMED_TICKET_12(Peer.TLS12, false),
    /** TLS 1.2, then the server renegotiates (RFC 5746) between the two requests. */
    RENEGOTIATED_12(Peer.TLS12, false),
    /** TLS 1.3, the session invalidated afterwards. */
    FULL_13(Peer.TLS, true),
    /** TLS 1.3 resumed with a PSK from the previous connection's ticket (RFC 8446 §2.2). */
    PSK_13(Peer.TLS, true),
    /** TLS 1.3, then the client sends a KeyUpdate (RFC 8446 §4.6.3) between the two requests. */
    KEY_UPDATE_13(Peer.TLS, true);

    private final String protocol;
    private final boolean tls13;

    SoakConnection(String protocol, boolean tls13) {
        this.protocol = protocol;
        this.tls13 = tls13;
    }

    /** A client context for this kind: tickets off for {@link #RESUMED_ID_12}. */
    SSLContext clientContext(TestPki pki) {
        return this == RESUMED_ID_12 ? Peer.XTLS.contextWithoutTickets(pki) : Peer.XTLS.context(protocol, pki);
    }

    /** One connection to 127.0.0.1:port, returning its session; throws when a reply or the protocol is wrong. */
    SSLSession run(SSLContext client, int port) throws IOException {
        try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                port)) {
            s.setSoTimeout(60_000);
            s.startHandshake();
            String expected = tls13 ? "TLSv1.3" : "TLSv1.2";
            if (!expected.equals(s.getSession().getProtocol())) {
                throw new IOException(this + " negotiated " + s.getSession().getProtocol());
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            exchange(s.getOutputStream(), in, LineProtocol.request(1));
            if (this == RENEGOTIATED_12) {
                exchange(s.getOutputStream(), in, LineProtocol.RENEGOTIATE);
            } else if (this == KEY_UPDATE_13) {
                s.startHandshake(); // on an established TLS 1.3 connection: a KeyUpdate
            }
            exchange(s.getOutputStream(), in, LineProtocol.request(2));
            SSLSession session = s.getSession();
            if (this == FULL_12 || this == FULL_13) {
                session.invalidate();
            }
            return session;
        }
    }

    /**
     * TLS 1.3: a PSK handshake has no CertificateVerify (RFC 8446 §2.2), so the Xtls session has no peer signature
     * scheme. TLS 1.2: the resumed session is the previous one (RFC 5246 §7.3), its id and creation time.
     */
    static boolean resumed(SSLSession previous, SSLSession session) {
        if (session.getProtocol().equals("TLSv1.3")) {
            return session instanceof XtlsSession x && x.details().peerSignatureScheme() == null;
        }
        return previous != null && previous.getCreationTime() == session.getCreationTime()
                && Arrays.equals(previous.getId(), session.getId());
    }

    private static void exchange(OutputStream out, BufferedReader in, String request) throws IOException {
        out.write((request + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        String reply = in.readLine();
        if (!LineProtocol.expectedReply(request).equals(reply)) {
            throw new IOException("asked " + request + ", got " + reply);
        }
    }
}
