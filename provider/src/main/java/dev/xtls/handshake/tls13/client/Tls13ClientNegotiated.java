package dev.xtls.handshake.tls13.client;

import dev.xtls.handshake.tls13.Tls13Secrets;
import dev.xtls.message.Tls13CertificateRequest;

/**
 * The offer plus what ServerHello chose, the CertificateRequest once the server sent one (else null), and whether
 * the server resumed the offered ticket (RFC 8446 §4.2.11: no Certificate follows then).
 */
record Tls13ClientNegotiated(Tls13ClientOffer offer, Tls13Secrets secrets, Tls13CertificateRequest request,
        boolean resumed) {
    Tls13ClientNegotiated withRequest(Tls13CertificateRequest r) {
        return new Tls13ClientNegotiated(offer, secrets, r, resumed);
    }
}
