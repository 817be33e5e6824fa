package dev.xtls.handshake;

/**
 * Which renegotiations this side takes part in (RFC 5746 only; never with a peer that did not signal it).
 *
 * @param acceptClientInitiated server: answer a client's renegotiation ClientHello; false (the default, from
 *     jdk.tls.rejectClientInitiatedRenegotiation) refuses it with no_renegotiation, a second time fatally
 * @param allowServerCertChange client: accept a renegotiation whose server certificate differs from the
 *     previous one (jdk.tls.allowUnsafeServerCertChange; off, it closes the triple handshake attack with EMS)
 * @param maxPeerInitiatedPerWindow peer-initiated renegotiations accepted per {@link #WINDOW_MILLIS}; more are
 *     refused like a disabled renegotiation (each costs a full handshake: CVE-2011-1473)
 */
public record RenegotiationPolicy(boolean acceptClientInitiated, boolean allowServerCertChange,
        int maxPeerInitiatedPerWindow) {
    public static final long WINDOW_MILLIS = 60_000;
    public static final int DEFAULT_MAX_PEER_INITIATED = 10;
    /** Safe defaults: client-initiated refused, server certificate fixed. */
    public static final RenegotiationPolicy DEFAULT = new RenegotiationPolicy(false, false,
            DEFAULT_MAX_PEER_INITIATED);

    public RenegotiationPolicy {
        if (maxPeerInitiatedPerWindow < 0) {
            throw new IllegalArgumentException("maxPeerInitiatedPerWindow " + maxPeerInitiatedPerWindow);
        }
    }
}
