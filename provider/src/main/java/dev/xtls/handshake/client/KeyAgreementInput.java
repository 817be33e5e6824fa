package dev.xtls.handshake.client;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.NamedGroup;
import java.math.BigInteger;

/** What the client needs from the server to make the premaster secret, per key exchange. */
sealed interface KeyAgreementInput {
    /** ServerECDHParams (RFC 8422 §5.4). */
    record Ecdhe(NamedGroup group, Bytes publicValue) implements KeyAgreementInput {
    }

    /** ServerDHParams (RFC 5246 §7.4.3), already checked for size. */
    record Dhe(BigInteger p, BigInteger g, Bytes ys) implements KeyAgreementInput {
    }

    /** RSA key transport: the premaster goes to the certificate's key (RFC 5246 §7.4.7.1). */
    record RsaTransport() implements KeyAgreementInput {
    }
}
