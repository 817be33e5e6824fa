package dev.xtls.handshake.server;

import dev.xtls.crypto.KeyShare;
import java.security.PrivateKey;

/** What the server holds to turn ClientKeyExchange into the premaster secret. */
sealed interface ServerKeyAgreement {
    /** Our ephemeral (EC)DHE key, sent in ServerKeyExchange. */
    record Ephemeral(KeyShare share) implements ServerKeyAgreement {
    }

    /** RSA key transport: our certificate's key and the version the ClientHello offered (RFC 5246 §7.4.7.1). */
    record RsaTransport(PrivateKey key, int clientVersion) implements ServerKeyAgreement {
    }
}
