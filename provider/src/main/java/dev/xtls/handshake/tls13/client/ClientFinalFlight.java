package dev.xtls.handshake.tls13.client;

import dev.xtls.crypto.Secret;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.SessionOrigin;
import dev.xtls.handshake.tls13.ApplicationSecrets;
import dev.xtls.handshake.tls13.Tls13Certificates;
import dev.xtls.handshake.tls13.Tls13Secrets;
import dev.xtls.handshake.tls13.Tls13Signatures;
import dev.xtls.message.CertificateVerify;
import dev.xtls.message.Finished;
import dev.xtls.message.Tls13CertificateRequest;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import java.util.List;
import java.util.Optional;

/**
 * The client's second flight (RFC 8446 §2): [Certificate, CertificateVerify] when asked, then Finished; after
 * it the client's application keys take over (§7.3).
 */
final class ClientFinalFlight {
    private ClientFinalFlight() {
    }

    /**
     * Returns the established state, which keeps the resumption master secret (RFC 8446 §7.1) for the
     * NewSessionTickets to come and the transcript through this Finished for §4.6.2.
     */
    static Tls13ClientEstablished send(HandshakeContext ctx, Tls13ClientNegotiated negotiated,
            ApplicationSecrets application) {
        Tls13Secrets secrets = negotiated.secrets();
        Tls13CertificateRequest request = negotiated.request();
        if (request != null) {
            Optional<ClientCredential> credential = ClientCredential.choose(ctx, negotiated.offer().schemes(),
                    request);
            // §4.4.2.4: with no suitable certificate the client sends an empty Certificate
            ctx.send(Tls13Certificates.of(credential.map(c -> c.key().chain()).orElse(List.of())));
            if (credential.isPresent()) {
                ClientCredential c = credential.get();
                byte[] hash = Tls13Secrets.transcriptHash(ctx, secrets.suite());
                ctx.send(new CertificateVerify(c.scheme(), Bytes.wrap(Tls13Signatures.sign(ctx.crypto(), false,
                        c.scheme(), c.key().privateKey(), hash))));
                ctx.updateSession(ctx.session().withLocalCertificates(c.key().chain(), c.key().alias()));
            }
        }
        byte[] verifyData = secrets.finished(ctx, true);
        ctx.finished(true, verifyData);
        ctx.send(new Finished(Bytes.wrap(verifyData)));
        ctx.output().installWriteProtection(application.clientProtection(ctx));
        Secret resumptionMaster = secrets.resumptionMasterSecret(ctx);
        secrets.destroy();
        // §4.4.1: a post-handshake CertificateRequest continues the transcript through client Finished
        Tls13ClientEstablished established = new Tls13ClientEstablished(application, resumptionMaster,
                secrets.suite(), new PostHandshakeAuthAnswer(ctx.transcript().messages(),
                        negotiated.offer().schemes(), negotiated.offer().offered(ExtensionType.POST_HANDSHAKE_AUTH)));
        ctx.established(negotiated.resumed() ? SessionOrigin.PSK : SessionOrigin.NEW);
        return established;
    }
}
