package dev.xtls.handshake;

/**
 * An established TLS 1.3 connection (RFC 8446 §4.6): there is no renegotiation; the application's request for a
 * new handshake (SSLEngine.beginHandshake, SSLSocket.startHandshake) becomes post-handshake messages instead.
 */
public interface Tls13Established extends HandshakeState {
    /**
     * Why the request cannot be done under {@code latest} (the connection's settings now), or null when it can;
     * the connection then refuses the request and goes on.
     */
    String refusal(HandshakeContext current, HandshakeConfig latest);

    /**
     * Does the request: a KeyUpdate (§4.6.3), or on a server asked for client authentication a post-handshake
     * CertificateRequest (§4.6.2) in a new handshake context from {@code current.output()}.
     */
    HandshakeState applicationRequest(HandshakeContext current, HandshakeConfig latest);

    @Override
    default String expecting() {
        return "application data";
    }
}
