package dev.xtls.stapling;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * The OCSP responder for a certificate: its Authority Information Access id-ad-ocsp URI (RFC 5280 §4.2.2.1), or
 * the configured one when the certificate names none or when the configuration overrides it (SunJSSE's
 * jdk.tls.stapling.responderURI and responderOverride).
 */
final class ResponderLocator {
    private final URI configured;
    private final boolean override;

    ResponderLocator(URI configured, boolean override) {
        this.configured = configured;
        this.override = override;
    }

    Optional<URI> responder(X509Certificate leaf) {
        if (override && configured != null) {
            return Optional.of(configured);
        }
        return fromAia(leaf).or(() -> Optional.ofNullable(configured));
    }

    private static Optional<URI> fromAia(X509Certificate leaf) {
        byte[] ext = leaf.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (ext == null) {
            return Optional.empty();
        }
        try {
            AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(
                    JcaX509ExtensionUtils.parseExtensionValue(ext));
            for (AccessDescription d : aia.getAccessDescriptions()) {
                GeneralName name = d.getAccessLocation();
                if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
                        && name.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    return Optional.of(new URI(ASN1IA5String.getInstance(name.getName()).getString()));
                }
            }
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            return Optional.empty(); // a malformed AIA names no responder
        }
        return Optional.empty();
    }
}
