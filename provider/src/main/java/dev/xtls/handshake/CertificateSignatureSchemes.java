package dev.xtls.handshake;

import dev.xtls.message.Extension;
import dev.xtls.message.Extensions;
import dev.xtls.message.ext.SignatureAlgorithms;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.SignatureScheme;
import java.util.List;

/**
 * signature_algorithms_cert (RFC 8446 §4.2.3): the schemes a peer accepts in certificates. Sent next to
 * signature_algorithms with the same list, as SunJSSE does; read by TLS 1.3 and, as §4.2.3 asks, TLS 1.2.
 */
public final class CertificateSignatureSchemes {
    private CertificateSignatureSchemes() {
    }

    /** §4.2.3: signature_algorithms_cert when the peer sent it, else its signature_algorithms. */
    public static List<SignatureScheme> of(Extensions extensions, List<SignatureScheme> signatureAlgorithms) {
        return extensions.find(ExtensionType.SIGNATURE_ALGORITHMS_CERT)
                .map(e -> SignatureAlgorithms.decode(e.data()).schemes()).orElse(signatureAlgorithms);
    }

    /** Our signature_algorithms_cert: the schemes we check certificates with. */
    public static Extension extension(List<SignatureScheme> schemes) {
        return new SignatureAlgorithms(schemes).toExtension(ExtensionType.SIGNATURE_ALGORITHMS_CERT);
    }
}
