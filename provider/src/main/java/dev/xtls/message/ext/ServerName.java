package dev.xtls.message.ext;

import dev.xtls.wire.Bytes;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One entry of a ServerNameList (RFC 6066 §3):
 * <pre>
 * struct { NameType name_type; select (name_type) { case host_name: HostName; } name; } ServerName;
 * enum { host_name(0), (255) } NameType;
 * opaque HostName&lt;1..2^16-1&gt;;
 * </pre>
 * Names of unknown types are read with the same shape, as deployed peers do, and ignored; an empty host_name is
 * refused by {@link ServerNameList#decode} with illegal_parameter.
 */
public record ServerName(int nameType, Bytes name) {
    public static final int HOST_NAME = 0;

    public ServerName {
        Objects.requireNonNull(name, "name");
        if (nameType < 0 || nameType > 0xFF) {
            throw new IllegalArgumentException("name type out of range: " + nameType);
        }
    }

    /** A host_name entry: the DNS name in ASCII, without a trailing dot (RFC 6066 §3). */
    public static ServerName hostName(String host) {
        if (host.isEmpty() || host.chars().anyMatch(c -> c < 0x20 || c >= 0x7F)) {
            throw new IllegalArgumentException("host_name must be non-empty printable ASCII: " + host);
        }
        return new ServerName(HOST_NAME, Bytes.wrap(host.getBytes(StandardCharsets.US_ASCII)));
    }

    public boolean isHostName() {
        return nameType == HOST_NAME;
    }

    /** The name as text; meaningful for host_name, whose bytes are ASCII. */
    public String asString() {
        return new String(name.toByteArray(), StandardCharsets.US_ASCII);
    }
}
