package dev.xtls.message.ext;

import dev.xtls.message.Extension;
import dev.xtls.message.Vectors;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * certificate_authorities (RFC 8446 §4.2.4): the DER-encoded X.501 names of the trust anchors the sender accepts.
 * <pre>
 * opaque DistinguishedName&lt;1..2^16-1&gt;;
 * struct {
 *     DistinguishedName authorities&lt;3..2^16-1&gt;;
 * } CertificateAuthoritiesExtension;
 * </pre>
 */
public record CertificateAuthorities(List<Bytes> authorities) {
    public CertificateAuthorities {
        authorities = List.copyOf(authorities);
    }

    public static CertificateAuthorities decode(Bytes data) {
        TlsReader r = TlsReader.of(data.toByteArray());
        TlsReader list = Vectors.sub16(r, 3, "certificate_authorities.authorities");
        r.expectEnd("certificate_authorities");
        List<Bytes> names = new ArrayList<>();
        while (list.hasRemaining()) {
            names.add(Vectors.opaque16(list, 1, "certificate_authorities.authorities[" + names.size() + "]"));
        }
        return new CertificateAuthorities(names);
    }

    public Extension toExtension() {
        TlsWriter w = new TlsWriter();
        w.prefixed16(list -> authorities.forEach(dn -> list.prefixed16(dn::writeTo)));
        return new Extension(ExtensionType.CERTIFICATE_AUTHORITIES, Bytes.wrap(w.toByteArray()));
    }
}
