package dev.xtls.message;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * CertificateRequest, TLS 1.2 form (RFC 5246 §7.4.4; the signature list bound as in §7.4.1.4.1):
 * <pre>
 * opaque DistinguishedName&lt;1..2^16-1&gt;;
 * struct {
 *     ClientCertificateType certificate_types&lt;1..2^8-1&gt;;
 *     SignatureAndHashAlgorithm supported_signature_algorithms&lt;2..2^16-2&gt;;
 *     DistinguishedName certificate_authorities&lt;0..2^16-1&gt;;
 * } CertificateRequest;
 * </pre>
 * Certificate types are kept as codes so unknown ones survive; authorities are DER-encoded X.501 names.
 */
public record CertificateRequest(List<Integer> certificateTypes, List<SignatureScheme> signatureSchemes,
                                 List<Bytes> certificateAuthorities) implements HandshakeMessage {
    /** ClientCertificateType rsa_sign (RFC 5246 §7.4.4). */
    public static final int RSA_SIGN = 1;
    /** ClientCertificateType ecdsa_sign (RFC 8422 §5.5). */
    public static final int ECDSA_SIGN = 64;

    public CertificateRequest {
        certificateTypes = List.copyOf(certificateTypes);
        signatureSchemes = List.copyOf(signatureSchemes);
        certificateAuthorities = List.copyOf(certificateAuthorities);
        for (int t : certificateTypes) {
            if (t < 0 || t > 0xFF) {
                throw new IllegalArgumentException("certificate type out of range: " + t);
            }
        }
    }

    public static CertificateRequest decode(byte[] body) {
        TlsReader r = TlsReader.of(body);
        TlsReader types = Vectors.sub8(r, 1, 255, "CertificateRequest.certificate_types");
        List<Integer> certificateTypes = new ArrayList<>();
        while (types.hasRemaining()) {
            certificateTypes.add(types.u8());
        }
        List<SignatureScheme> schemes = Vectors.u16List(r, 2,
                "CertificateRequest.supported_signature_algorithms", SignatureScheme::of);
        TlsReader names = Vectors.sub16(r, 0, "CertificateRequest.certificate_authorities");
        r.expectEnd("CertificateRequest");
        List<Bytes> authorities = new ArrayList<>();
        while (names.hasRemaining()) {
            authorities.add(Vectors.opaque16(names, 1,
                    "CertificateRequest.certificate_authorities[" + authorities.size() + "]"));
        }
        return new CertificateRequest(certificateTypes, schemes, authorities);
    }

    public boolean allowsCertificateType(int certificateType) {
        return certificateTypes.contains(certificateType);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_REQUEST;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        w.prefixed8(t -> certificateTypes.forEach(t::u8));
        w.prefixed16(s -> signatureSchemes.forEach(scheme -> s.u16(scheme.code())));
        w.prefixed16(list -> certificateAuthorities.forEach(dn -> list.prefixed16(dn::writeTo)));
    }
}
