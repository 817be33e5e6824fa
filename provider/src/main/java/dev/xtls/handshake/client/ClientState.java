package dev.xtls.handshake.client;

import dev.xtls.handshake.HandshakeState;

/**
 * The client's states of the full TLS 1.2 handshake (RFC 5246 §7.3, Figure 1), in order, then those of the
 * abbreviated one (Figure 2) that ExpectServerHello enters when the server resumes the offered session.
 */
sealed interface ClientState extends HandshakeState permits ExpectServerHello, ExpectServerCertificate,
        ExpectServerKeyExchange, ExpectServerHelloDone, ExpectServerChangeCipherSpec, ExpectServerFinished,
        ExpectResumedServerChangeCipherSpec, ExpectResumedServerFinished, ExpectNewSessionTicket {
}
