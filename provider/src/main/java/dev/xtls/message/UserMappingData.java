package dev.xtls.message;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.Objects;

/**
 * One user mapping hint (RFC 4681 §3), its data opaque here ({@link UpnDomainHint} for upn_domain_hint(64)):
 * <pre>
 * enum { upn_domain_hint(64), (255) } UserMappingType;
 * struct {
 *     UserMappingType user_mapping_version;
 *     uint16 user_mapping_length;
 *     select(UserMappingType) { case upn_domain_hint: UpnDomainHint; }
 * } UserMappingData;
 * </pre>
 */
public record UserMappingData(int mappingType, Bytes data) {
    /** upn_domain_hint (RFC 4681 §6). */
    public static final int UPN_DOMAIN_HINT = 64;

    public UserMappingData {
        if (mappingType < 0 || mappingType > 0xFF) {
            throw new IllegalArgumentException("UserMappingType out of range: " + mappingType);
        }
        Objects.requireNonNull(data, "data");
        if (data.length() > 0xFFFF) {
            throw new IllegalArgumentException("user mapping data of " + data.length() + " bytes exceeds 2^16-1");
        }
    }

    public static UserMappingData decode(TlsReader r) {
        int type = Vectors.u8(r, "UserMappingData.user_mapping_version");
        return new UserMappingData(type, Vectors.opaque16(r, 0, "UserMappingData of type " + type));
    }

    public void encode(TlsWriter w) {
        w.u8(mappingType);
        w.prefixed16(data::writeTo);
    }
}
