package dev.xtls.handshake;

import dev.xtls.message.ClientHello;
import dev.xtls.message.ext.StatusRequest;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** Server: the OCSP response to staple, when the client asked for OCSP and one is at hand (RFC 6066 §8). */
public final class ServerStapling {
    private ServerStapling() {
    }

    /** Empty when stapling is off, the client did not ask for OCSP, or no response is cached yet. */
    public static Optional<Bytes> response(HandshakeContext ctx, ClientHello hello, List<X509Certificate> chain) {
        OcspStapling stapling = ctx.config().stapling();
        if (!stapling.serverStaples()) {
            return Optional.empty();
        }
        boolean asked = hello.extensions().find(ExtensionType.STATUS_REQUEST)
                .map(e -> StatusRequest.decode(e.data()).ocsp()).orElse(false);
        return asked ? stapling.serverResponses().ocspResponse(chain) : Optional.empty();
    }
}
