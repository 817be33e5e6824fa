package dev.xtls.handshake.tls13.client;

import dev.xtls.handshake.tls13.Tls13Secrets;
import dev.xtls.message.Tls13CertificateRequest;

/** The offer plus what ServerHello chose, and the CertificateRequest once the server sent one (else null). */
record Tls13ClientNegotiated(Tls13ClientOffer offer, Tls13Secrets secrets, Tls13CertificateRequest request) {
    Tls13ClientNegotiated withRequest(Tls13CertificateRequest r) {
        return new Tls13ClientNegotiated(offer, secrets, r);
    }
}
