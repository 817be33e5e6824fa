package dev.xtls.handshake;

import dev.xtls.wire.Bytes;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a handshake knows of the connection's previous handshake, so a renegotiation can be bound to it (RFC 5746
 * §3.1) and checked against it (RFC 7627 §5.4, the server's identity). {@link #INITIAL} for the first handshake;
 * other extensions may ask {@link #isInitial()}.
 *
 * @param secure the peer signalled RFC 5746 support in the previous handshake; never renegotiate otherwise
 * @param serverChain the server's certificate chain in the previous session
 * @param windowStartMillis start of the current rate-limit window for peer-initiated renegotiations
 * @param peerInitiatedInWindow peer-initiated renegotiations accepted in that window
 */
public record RenegotiationContext(boolean isInitial, Bytes clientVerifyData, Bytes serverVerifyData,
        List<X509Certificate> serverChain, boolean extendedMasterSecret, boolean secure, long windowStartMillis,
        int peerInitiatedInWindow) {
    public static final RenegotiationContext INITIAL = new RenegotiationContext(true, Bytes.EMPTY, Bytes.EMPTY,
            List.of(), false, false, 0, 0);

    public RenegotiationContext {
        serverChain = List.copyOf(serverChain);
    }

    /** RFC 5746 §3.5: the renegotiated_connection a client sends: client_verify_data, empty initially. */
    public Bytes clientHelloInfo() {
        return clientVerifyData;
    }

    /** RFC 5746 §3.6–3.7: the renegotiated_connection a server sends: client_ then server_verify_data. */
    public Bytes serverHelloInfo() {
        byte[] c = clientVerifyData.toByteArray();
        byte[] s = serverVerifyData.toByteArray();
        byte[] both = java.util.Arrays.copyOf(c, c.length + s.length);
        System.arraycopy(s, 0, both, c.length, s.length);
        return Bytes.wrap(both);
    }

    /**
     * This context with one more peer-initiated renegotiation counted at {@code nowMillis}, in a window that
     * restarts every {@link RenegotiationPolicy#WINDOW_MILLIS}.
     */
    public RenegotiationContext countPeerInitiated(long nowMillis) {
        boolean newWindow = nowMillis - windowStartMillis >= RenegotiationPolicy.WINDOW_MILLIS
                || nowMillis < windowStartMillis;
        long start = newWindow ? nowMillis : windowStartMillis;
        int count = (newWindow ? 0 : peerInitiatedInWindow) + 1;
        return new RenegotiationContext(isInitial, clientVerifyData, serverVerifyData, serverChain,
                extendedMasterSecret, secure, start, count);
    }
}
