package dev.xtls.message;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.DecodeException;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The upn_domain_hint(64) user mapping hint (RFC 4681 §6); both names UTF-8 ("" when absent), at least one
 * non-empty.
 * <pre>
 * struct {
 *     opaque user_principal_name&lt;0..2^16-1&gt;;
 *     opaque domain_name&lt;0..2^16-1&gt;;
 * } UpnDomainHint;
 * </pre>
 */
public record UpnDomainHint(String userPrincipalName, String domainName) {
    public UpnDomainHint {
        Objects.requireNonNull(userPrincipalName, "userPrincipalName");
        Objects.requireNonNull(domainName, "domainName");
        if (userPrincipalName.isEmpty() && domainName.isEmpty()) {
            throw new IllegalArgumentException("an UpnDomainHint needs a user principal name or a domain name"
                    + " (RFC 4681 §6)");
        }
        if (utf8(userPrincipalName).length > 0xFFFF || utf8(domainName).length > 0xFFFF) {
            throw new IllegalArgumentException("UpnDomainHint names are limited to 2^16-1 bytes of UTF-8");
        }
    }

    public static UpnDomainHint decode(Bytes data) {
        TlsReader r = TlsReader.of(data.toByteArray());
        String upn = text(Vectors.opaque16(r, 0, "UpnDomainHint.user_principal_name"), "user_principal_name");
        String domain = text(Vectors.opaque16(r, 0, "UpnDomainHint.domain_name"), "domain_name");
        r.expectEnd("UpnDomainHint");
        if (upn.isEmpty() && domain.isEmpty()) {
            throw new DecodeException("UpnDomainHint: both user_principal_name and domain_name are empty"
                    + " (RFC 4681 §6 needs one)");
        }
        return new UpnDomainHint(upn, domain);
    }

    public Bytes encode() {
        TlsWriter w = new TlsWriter();
        w.opaque16(utf8(userPrincipalName));
        w.opaque16(utf8(domainName));
        return Bytes.wrap(w.toByteArray());
    }

    /** As the hint inside a user_mapping_data SupplementalDataEntry (RFC 4681 §3). */
    public UserMappingData toUserMappingData() {
        return new UserMappingData(UserMappingData.UPN_DOMAIN_HINT, encode());
    }

    private static String text(Bytes b, String field) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new DecodeException("UpnDomainHint." + field + " is not UTF-8");
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
