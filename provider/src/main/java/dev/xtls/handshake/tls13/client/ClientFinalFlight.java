package dev.xtls.handshake.tls13.client;

import dev.xtls.crypto.Secret;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.tls13.ApplicationSecrets;
import dev.xtls.handshake.tls13.Tls13Certificates;
import dev.xtls.handshake.tls13.Tls13Secrets;
import dev.xtls.handshake.tls13.Tls13Signatures;
import dev.xtls.message.CertificateVerify;
import dev.xtls.message.Finished;
import dev.xtls.message.Tls13CertificateRequest;
import dev.xtls.message.ext.CertificateAuthorities;
import dev.xtls.message.ext.SignatureAlgorithms;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.x509.CertifiedKey;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * The client's second flight (RFC 8446 §2): [Certificate, CertificateVerify] when asked, then Finished; after
 * it the client's application keys take over (§7.3).
 */
final class ClientFinalFlight {
    private static final List<String> KEY_TYPES = List.of("EC", "RSASSA-PSS", "RSA", "EdDSA");

    private ClientFinalFlight() {
    }

    /** Returns the resumption master secret (RFC 8446 §7.1) for the NewSessionTickets to come. */
    static Secret send(HandshakeContext ctx, Tls13ClientNegotiated negotiated, ApplicationSecrets application) {
        Tls13Secrets secrets = negotiated.secrets();
        Tls13CertificateRequest request = negotiated.request();
        if (request != null) {
            List<SignatureScheme> accepted = request.extensions().find(ExtensionType.SIGNATURE_ALGORITHMS)
                    .map(e -> SignatureAlgorithms.decode(e.data()).schemes()).orElseThrow();
            CertifiedKey credential = null;
            SignatureScheme scheme = null;
            Optional<CertifiedKey> chosen = ctx.config().credentials().chooseClientCredential(KEY_TYPES,
                    issuers(request));
            if (chosen.isPresent()) {
                scheme = Tls13Signatures.choose(ctx.crypto(), negotiated.offer().schemes(), accepted,
                        chosen.get().leaf().getPublicKey());
                credential = scheme == null ? null : chosen.get();
            }
            // §4.4.2.4: with no suitable certificate the client sends an empty Certificate
            ctx.send(Tls13Certificates.of(credential == null ? List.of() : credential.chain()));
            if (credential != null) {
                byte[] hash = Tls13Secrets.transcriptHash(ctx, secrets.suite());
                ctx.send(new CertificateVerify(scheme, Bytes.wrap(Tls13Signatures.sign(ctx.crypto(), false, scheme,
                        credential.privateKey(), hash))));
                ctx.updateSession(ctx.session().withLocalCertificates(credential.chain()));
            }
        }
        byte[] verifyData = secrets.finished(ctx, true);
        ctx.finished(true, verifyData);
        ctx.send(new Finished(Bytes.wrap(verifyData)));
        ctx.output().installWriteProtection(application.clientProtection(ctx));
        Secret resumptionMaster = secrets.resumptionMasterSecret(ctx);
        secrets.destroy();
        ctx.established(negotiated.resumed());
        return resumptionMaster;
    }

    /** §4.2.4 certificate_authorities, if the server sent it; unparseable names narrow nothing. */
    private static List<X500Principal> issuers(Tls13CertificateRequest request) {
        List<X500Principal> out = new ArrayList<>();
        request.extensions().find(ExtensionType.CERTIFICATE_AUTHORITIES).ifPresent(e -> {
            for (Bytes dn : CertificateAuthorities.decode(e.data()).authorities()) {
                try {
                    out.add(new X500Principal(new ByteArrayInputStream(dn.toByteArray())));
                } catch (IllegalArgumentException ignored) {
                    // the key manager sees the others
                }
            }
        });
        return out;
    }
}
