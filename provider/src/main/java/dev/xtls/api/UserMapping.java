package dev.xtls.api;

import dev.xtls.message.SupplementalDataEntry;
import dev.xtls.message.UserMappingData;
import dev.xtls.message.UserMappingDataList;
import dev.xtls.message.ext.UserMappingTypeList;
import dev.xtls.spi.SupplementalDataReceiver;
import dev.xtls.spi.SupplementalDataSender;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import java.util.List;
import java.util.Optional;

/**
 * user_mapping (RFC 4681) as one SupplementalData type: the extension lists upn_domain_hint(64), the data is a
 * UserMappingDataList with one UpnDomainHint.
 */
final class UserMapping {
    private static final byte[] UPN_ONLY = UserMappingTypeList.of(UserMappingData.UPN_DOMAIN_HINT).toExtension()
            .data().toByteArray();

    private UserMapping() {
    }

    /** The client side, sending {@code hint} once the server asks for upn_domain_hint. */
    static SupplementalDataSender sender(UpnDomainHint hint) {
        byte[] data = new UserMappingDataList(List.of(new dev.xtls.message.UpnDomainHint(hint.userPrincipalName(),
                hint.domainName()).toUserMappingData())).encode().toByteArray();
        return new SupplementalDataSender() {
            @Override
            public int dataType() {
                return SupplementalDataEntry.USER_MAPPING_DATA;
            }

            @Override
            public int extensionType() {
                return ExtensionType.USER_MAPPING.code();
            }

            @Override
            public byte[] clientHelloExtension() {
                return UPN_ONLY.clone();
            }

            @Override
            public Optional<byte[]> data(byte[] serverHelloExtension) {
                List<Integer> preferred = UserMappingTypeList.decode(Bytes.of(serverHelloExtension)).types();
                if (!preferred.equals(List.of(UserMappingData.UPN_DOMAIN_HINT))) {
                    // RFC 4681 §2: the server's list is a subset of the client's
                    throw new IllegalArgumentException("the server lists hint types " + preferred
                            + ", but the client offered only upn_domain_hint(64) (RFC 4681 §2)");
                }
                return Optional.of(data.clone());
            }
        };
    }

    /** The server side: agrees when the client can send upn_domain_hint, and checks the hint it sends. */
    static SupplementalDataReceiver receiver() {
        return new SupplementalDataReceiver() {
            @Override
            public int dataType() {
                return SupplementalDataEntry.USER_MAPPING_DATA;
            }

            @Override
            public int extensionType() {
                return ExtensionType.USER_MAPPING.code();
            }

            @Override
            public Optional<byte[]> accept(byte[] clientHelloExtension) {
                List<Integer> offered = UserMappingTypeList.decode(Bytes.of(clientHelloExtension)).types();
                // RFC 4681 §2: no supported type in common, no extension in ServerHello
                return offered.contains(UserMappingData.UPN_DOMAIN_HINT) ? Optional.of(UPN_ONLY.clone())
                        : Optional.empty();
            }

            @Override
            public void check(byte[] data) {
                hint(data);
            }
        };
    }

    /** The UPN domain hint in a user_mapping_data entry, if it has one (RFC 4681 §3: others are ignored). */
    static Optional<UpnDomainHint> hint(byte[] suppData) {
        Optional<UserMappingData> upn = UserMappingDataList.decode(Bytes.of(suppData))
                .find(UserMappingData.UPN_DOMAIN_HINT);
        if (upn.isEmpty()) {
            return Optional.empty();
        }
        dev.xtls.message.UpnDomainHint wire = dev.xtls.message.UpnDomainHint.decode(upn.get().data());
        return Optional.of(new UpnDomainHint(wire.userPrincipalName(), wire.domainName()));
    }
}
