package dev.xtls.it.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.jsse.XtlsSession;
import dev.xtls.testing.Peer;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;

/** Assertions that a session really came from the provider a test put on that side. */
final class Sessions {
    private Sessions() {
    }

    /** {@code session} belongs to {@code peer}: an {@link XtlsSession} for Xtls, a SunJSSE class for SUN. */
    static void assertFrom(Peer peer, SSLSession session) {
        String type = session.getClass().getName();
        switch (peer) {
            case XTLS -> assertTrue(session instanceof XtlsSession, "expected an Xtls session, got " + type);
            case SUN -> assertTrue(type.startsWith("sun.security.ssl."), "expected a SunJSSE session, got " + type);
            default -> throw new IllegalArgumentException("not used here: " + peer);
        }
        if (peer == Peer.XTLS) {
            assertEquals("TLSv1.2", session.getProtocol());
        }
    }

    /**
     * The client's {@code context} recorded the session the server saw: proof that this context made the
     * connection, for clients (java.net.http) that hand the application only a copy of their session.
     */
    static void assertClientContextHolds(SSLContext context, SSLSession serverSession) {
        byte[] id = serverSession.getId();
        assertTrue(id.length > 0, "the server's session has no id");
        List<byte[]> ids = Collections.list(context.getClientSessionContext().getIds());
        assertTrue(ids.stream().anyMatch(i -> Arrays.equals(i, id)), "the client context ("
                + context.getProvider().getName() + ") holds none of the server's session ids");
    }

    /** The ALPN protocol an Xtls session negotiated: "" when none. */
    static String applicationProtocol(SSLSession session) {
        assertTrue(session instanceof XtlsSession, "not an Xtls session: " + session.getClass().getName());
        return ((XtlsSession) session).details().applicationProtocol();
    }
}
