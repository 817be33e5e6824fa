package dev.xtls.message.ext;

import dev.xtls.message.Extension;
import dev.xtls.message.Vectors;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.TlsException;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * server_name, the client's form (RFC 6066 §3):
 * <pre>
 * struct { ServerName server_name_list&lt;1..2^16-1&gt; } ServerNameList;
 * </pre>
 * "The ServerNameList MUST NOT contain more than one name of the same name_type." A server that used the name
 * answers with empty extension_data: {@link #SERVER_ACK}, checked by {@link #checkServerAck}.
 */
public record ServerNameList(List<ServerName> names) {
    /** The server's acknowledgement: an empty list, encoded as empty extension_data. */
    public static final ServerNameList SERVER_ACK = new ServerNameList(List.of());

    public ServerNameList {
        names = List.copyOf(names);
    }

    public static ServerNameList ofHostNames(List<String> hostNames) {
        return new ServerNameList(hostNames.stream().map(ServerName::hostName).toList());
    }

    /** Decodes the client's form, which must hold at least one name. */
    public static ServerNameList decode(Bytes data) {
        TlsReader r = TlsReader.of(data.toByteArray());
        TlsReader list = Vectors.sub16(r, 1, "server_name.server_name_list");
        r.expectEnd("server_name");
        List<ServerName> names = new ArrayList<>();
        Set<Integer> types = new HashSet<>();
        while (list.hasRemaining()) {
            int type = Vectors.u8(list, "server_name.name_type");
            Bytes name = Vectors.opaque16(list, 0, "server_name.name");
            if (!types.add(type)) {
                throw new TlsException(AlertDescription.ILLEGAL_PARAMETER,
                        "server_name: more than one name of name_type " + type + " (RFC 6066 §3)");
            }
            if (type == ServerName.HOST_NAME) {
                checkHostName(name);
            }
            names.add(new ServerName(type, name));
        }
        return new ServerNameList(names);
    }

    /** The server's form (RFC 6066 §3): extension_data must be empty. */
    public static ServerNameList checkServerAck(Bytes data) {
        EmptyExtension.checkEmpty(data, ExtensionType.SERVER_NAME);
        return SERVER_ACK;
    }

    public static Extension serverAck() {
        return EmptyExtension.of(ExtensionType.SERVER_NAME);
    }

    public boolean isServerAck() {
        return names.isEmpty();
    }

    /** The host_name entries as strings. */
    public List<String> hostNames() {
        return names.stream().filter(ServerName::isHostName).map(ServerName::asString).toList();
    }

    public Extension toExtension() {
        if (names.isEmpty()) {
            return serverAck();
        }
        TlsWriter w = new TlsWriter();
        w.prefixed16(list -> names.forEach(n -> {
            list.u8(n.nameType());
            list.prefixed16(n.name()::writeTo);
        }));
        return new Extension(ExtensionType.SERVER_NAME, Bytes.wrap(w.toByteArray()));
    }

    /**
     * HostName is a DNS name in ASCII (RFC 6066 §3): an empty name, or a NUL, control or 8-bit byte that would let
     * names compare differently downstream, is a well-formed value that is not allowed: illegal_parameter.
     */
    private static void checkHostName(Bytes name) {
        if (name.isEmpty()) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server_name.host_name is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            int b = name.get(i);
            if (b < 0x20 || b >= 0x7F) {
                throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, String.format(
                        "server_name.host_name: byte 0x%02x at %d is not allowed in an ASCII host name", b, i));
            }
        }
    }
}
