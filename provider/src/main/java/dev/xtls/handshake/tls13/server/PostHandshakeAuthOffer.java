package dev.xtls.handshake.tls13.server;

/**
 * What a post-handshake client authentication (RFC 8446 §4.6.2) builds on: whether the client offered
 * post_handshake_auth (§4.2.6), and the handshake's transcript through client Finished, which each request's
 * transcript continues (§4.4.1).
 */
record PostHandshakeAuthOffer(byte[] handshakeTranscript, boolean offered) {
}
