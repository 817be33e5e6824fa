package dev.xtls.it.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.jsse.XtlsSession;
import dev.xtls.testing.Peer;
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

    /** The ALPN protocol an Xtls session negotiated: "" when none. */
    static String applicationProtocol(SSLSession session) {
        assertTrue(session instanceof XtlsSession, "not an Xtls session: " + session.getClass().getName());
        return ((XtlsSession) session).state().applicationProtocol();
    }
}
