package dev.xtls.it.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.jsse.XtlsSession;
import dev.xtls.testing.Peer;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/** Assertions that a session really came from the provider a test put on that side. */
final class Sessions {
    private Sessions() {
    }

    /**
     * {@code session} belongs to {@code peer} (an {@link XtlsSession} for Xtls, a SunJSSE class for SUN) and
     * negotiated {@code version}.
     */
    static void assertFrom(Peer peer, SSLSession session, TlsVersion version) {
        String type = session.getClass().getName();
        switch (peer) {
            case XTLS -> assertTrue(session instanceof XtlsSession, "expected an Xtls session, got " + type);
            case SUN -> assertTrue(type.startsWith("sun.security.ssl."), "expected a SunJSSE session, got " + type);
            default -> throw new IllegalArgumentException("not used here: " + peer);
        }
        assertEquals(version.negotiated, session.getProtocol());
    }

    /**
     * The client's {@code context} recorded the session the server saw: proof that this context made the
     * connection, for clients (java.net.http) that hand the application only a copy of their session.
     */
    static void assertClientContextHolds(SSLContext context, SSLSession serverSession) {
        if (serverSession.getProtocol().equals("TLSv1.3")) {
            assertClientContextHoldsTls13(context, serverSession);
            return;
        }
        byte[] id = serverSession.getId();
        assertTrue(id.length > 0, "the server's session has no id");
        List<byte[]> ids = Collections.list(context.getClientSessionContext().getIds());
        assertTrue(ids.stream().anyMatch(i -> Arrays.equals(i, id)), "the client context ("
                + context.getProvider().getName() + ") holds none of the server's session ids");
    }

    /**
     * TLS 1.3 has no session id both ends share (RFC 8446 §4.1.2: legacy_session_id): the client's fresh context
     * must hold a TLS 1.3 session, from the server's ticket, for the certificate the server sent.
     */
    private static void assertClientContextHoldsTls13(SSLContext context, SSLSession serverSession) {
        SSLSessionContext cache = context.getClientSessionContext();
        List<SSLSession> held = Collections.list(cache.getIds()).stream().map(cache::getSession)
                .filter(s -> s != null && s.getProtocol().equals("TLSv1.3")).toList();
        assertTrue(held.stream().anyMatch(s -> peerLeaf(s).equals(serverSession.getLocalCertificates()[0])),
                "the client context (" + context.getProvider().getName() + ") holds no TLS 1.3 session with the"
                        + " server's certificate: " + held);
    }

    private static Object peerLeaf(SSLSession session) {
        try {
            return session.getPeerCertificates()[0];
        } catch (SSLPeerUnverifiedException e) {
            return "unverified";
        }
    }

    /** The ALPN protocol an Xtls session negotiated: "" when none. */
    static String applicationProtocol(SSLSession session) {
        assertTrue(session instanceof XtlsSession, "not an Xtls session: " + session.getClass().getName());
        return ((XtlsSession) session).details().applicationProtocol();
    }
}
