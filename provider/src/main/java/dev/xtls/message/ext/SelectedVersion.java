package dev.xtls.message.ext;

import dev.xtls.message.Extension;
import dev.xtls.message.Vectors;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.Objects;

/**
 * supported_versions in the ServerHello and HelloRetryRequest (RFC 8446 §4.2.1): the one version chosen.
 * <pre>
 * struct {
 *     select (Handshake.msg_type) {
 *         case server_hello: // and HelloRetryRequest
 *              ProtocolVersion selected_version;
 *     };
 * } SupportedVersions;
 * </pre>
 */
public record SelectedVersion(ProtocolVersion version) {
    public static final SelectedVersion TLS13 = new SelectedVersion(ProtocolVersion.TLS13);

    public SelectedVersion {
        Objects.requireNonNull(version, "version");
    }

    public static SelectedVersion decode(Bytes data) {
        TlsReader r = TlsReader.of(data.toByteArray());
        ProtocolVersion version = ProtocolVersion.of(Vectors.u16(r, "supported_versions.selected_version"));
        r.expectEnd("supported_versions");
        return new SelectedVersion(version);
    }

    public Extension toExtension() {
        return new Extension(ExtensionType.SUPPORTED_VERSIONS,
                Bytes.wrap(new TlsWriter(2).u16(version.code()).toByteArray()));
    }
}
