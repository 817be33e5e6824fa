package dev.xtls.handshake.tls13.client;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.tls13.Tls13Signatures;
import dev.xtls.message.Tls13CertificateRequest;
import dev.xtls.message.ext.CertificateAuthorities;
import dev.xtls.message.ext.SignatureAlgorithms;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.wire.TlsException;
import dev.xtls.x509.CertifiedKey;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * The certificate and signature scheme a client answers a TLS 1.3 CertificateRequest with (RFC 8446 §4.3.2,
 * §4.4.2), in the handshake or after it (§4.6.2); empty when the key manager has none that fits.
 */
record ClientCredential(CertifiedKey key, SignatureScheme scheme) {
    private static final List<String> KEY_TYPES = List.of("EC", "RSASSA-PSS", "RSA", "EdDSA");

    static Optional<ClientCredential> choose(HandshakeContext ctx, List<SignatureScheme> offered,
            Tls13CertificateRequest request) {
        // §4.3.2: signature_algorithms MUST be in a CertificateRequest
        List<SignatureScheme> accepted = request.extensions().find(ExtensionType.SIGNATURE_ALGORITHMS)
                .map(e -> SignatureAlgorithms.decode(e.data()).schemes())
                .orElseThrow(() -> new TlsException(AlertDescription.MISSING_EXTENSION, "the CertificateRequest has"
                        + " no signature_algorithms extension (RFC 8446 §4.3.2)"));
        Optional<CertifiedKey> chosen = ctx.config().credentials().chooseClientCredential(KEY_TYPES,
                issuers(request));
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        SignatureScheme scheme = Tls13Signatures.choose(ctx.crypto(), offered, accepted,
                chosen.get().leaf().getPublicKey());
        return scheme == null ? Optional.empty() : Optional.of(new ClientCredential(chosen.get(), scheme));
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
