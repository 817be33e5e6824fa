package dev.xtls.handshake;

import dev.xtls.wire.Bytes;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/**
 * What a handshake knows of the connection's previous handshake, so a renegotiation can be bound to it (RFC 5746
 * §3.1) and checked against it (RFC 7627 §5.4, the server's identity). {@link #INITIAL} for the first handshake;
 * other extensions may ask {@link #isInitial()}.
 *
 * @param verifyData client_verify_data then server_verify_data of the previous handshake (RFC 5746 §3.6): one value,
 *                   the server's renegotiated_connection, of which the client's is the first
 *                   {@code clientVerifyDataLength} bytes
 * @param secure the peer signalled RFC 5746 support in the previous handshake; never renegotiate otherwise
 * @param serverChain the server's certificate chain in the previous session
 * @param windowStartMillis start of the current rate-limit window for peer-initiated renegotiations
 * @param peerInitiatedInWindow peer-initiated renegotiations accepted in that window
 */
public record RenegotiationContext(boolean isInitial, Bytes verifyData, int clientVerifyDataLength,
        List<X509Certificate> serverChain, boolean extendedMasterSecret, boolean secure, long windowStartMillis,
        int peerInitiatedInWindow) {
    public static final RenegotiationContext INITIAL = new RenegotiationContext(true, Bytes.EMPTY, 0,
            List.of(), false, false, 0, 0);

    public RenegotiationContext {
        serverChain = List.copyOf(serverChain);
    }

    /** After a completed handshake whose Finished messages carried {@code client} and {@code server} verify_data. */
    public static RenegotiationContext after(Bytes client, Bytes server, List<X509Certificate> serverChain,
            boolean extendedMasterSecret, boolean secure, long windowStartMillis, int peerInitiatedInWindow) {
        byte[] both = Arrays.copyOf(client.toByteArray(), client.length() + server.length());
        System.arraycopy(server.toByteArray(), 0, both, client.length(), server.length());
        return new RenegotiationContext(false, Bytes.wrap(both), client.length(), serverChain, extendedMasterSecret,
                secure, windowStartMillis, peerInitiatedInWindow);
    }

    /** RFC 5746 §3.5: the renegotiated_connection a client sends: client_verify_data, empty initially. */
    public Bytes clientHelloInfo() {
        return Bytes.wrap(Arrays.copyOf(verifyData.toByteArray(), clientVerifyDataLength));
    }

    /** RFC 5746 §3.6–3.7: the renegotiated_connection a server sends: client_ then server_verify_data. */
    public Bytes serverHelloInfo() {
        return verifyData;
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
        return new RenegotiationContext(isInitial, verifyData, clientVerifyDataLength, serverChain,
                extendedMasterSecret, secure, start, count);
    }
}
