package dev.xtls.message.ext;

import dev.xtls.message.Extension;
import dev.xtls.message.Vectors;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.DecodeException;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * supported_versions in the ClientHello: the versions the client offers, in preference order (RFC 8446 §4.2.1).
 * The ServerHello and HelloRetryRequest form is {@link SelectedVersion}.
 * <pre>
 * struct {
 *     select (Handshake.msg_type) {
 *         case client_hello:
 *              ProtocolVersion versions&lt;2..254&gt;;
 *         case server_hello: // and HelloRetryRequest
 *              ProtocolVersion selected_version;
 *     };
 * } SupportedVersions;
 * </pre>
 */
public record SupportedVersions(List<ProtocolVersion> versions) {
    public SupportedVersions {
        versions = List.copyOf(versions);
    }

    public static SupportedVersions decode(Bytes data) {
        TlsReader r = TlsReader.of(data.toByteArray());
        TlsReader list = Vectors.sub8(r, 2, 254, "supported_versions.versions");
        r.expectEnd("supported_versions");
        if (list.remaining() % 2 != 0) {
            throw new DecodeException("supported_versions.versions: odd length " + list.remaining());
        }
        List<ProtocolVersion> versions = new ArrayList<>(list.remaining() / 2);
        while (list.hasRemaining()) {
            versions.add(ProtocolVersion.of(list.u16()));
        }
        return new SupportedVersions(versions);
    }

    public Extension toExtension() {
        TlsWriter w = new TlsWriter();
        w.prefixed8(list -> versions.forEach(v -> list.u16(v.code())));
        return new Extension(ExtensionType.SUPPORTED_VERSIONS, Bytes.wrap(w.toByteArray()));
    }
}
