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
 * pre_shared_key in the ClientHello (RFC 8446 §4.2.11). It must be the last extension, and there must be one
 * binder per identity: the handshake checks both (illegal_parameter); the decoder keeps what was sent.
 * <pre>
 * opaque PskBinderEntry&lt;32..255&gt;;
 * struct {
 *     PskIdentity identities&lt;7..2^16-1&gt;;
 *     PskBinderEntry binders&lt;33..2^16-1&gt;;
 * } OfferedPsks;
 * </pre>
 */
public record OfferedPsks(List<PskIdentity> identities, List<Bytes> binders) {
    private static final int MIN_BINDER_LENGTH = 32;

    public OfferedPsks {
        identities = List.copyOf(identities);
        binders = List.copyOf(binders);
    }

    public static OfferedPsks decode(Bytes data) {
        TlsReader r = TlsReader.of(data.toByteArray());
        TlsReader ids = Vectors.sub16(r, 7, "pre_shared_key.identities");
        TlsReader bs = Vectors.sub16(r, 33, "pre_shared_key.binders");
        r.expectEnd("pre_shared_key");
        List<PskIdentity> identities = new ArrayList<>();
        while (ids.hasRemaining()) {
            identities.add(PskIdentity.decode(ids, "pre_shared_key.identities[" + identities.size() + "]"));
        }
        List<Bytes> binders = new ArrayList<>();
        while (bs.hasRemaining()) {
            binders.add(Vectors.opaque8(bs, MIN_BINDER_LENGTH, 255,
                    "pre_shared_key.binders[" + binders.size() + "]"));
        }
        return new OfferedPsks(identities, binders);
    }

    /**
     * Bytes the binders list takes on the wire, its length prefix included: the ClientHello truncated for the
     * binder computation (RFC 8446 §4.2.11.2) is the encoded ClientHello without this many final bytes.
     */
    public int bindersEncodedLength() {
        return 2 + binders.stream().mapToInt(b -> 1 + b.length()).sum();
    }

    /** The same identities with other binders, e.g. zeros of the right length before the real ones are known. */
    public OfferedPsks withBinders(List<Bytes> newBinders) {
        return new OfferedPsks(identities, newBinders);
    }

    public Extension toExtension() {
        TlsWriter w = new TlsWriter();
        w.prefixed16(list -> identities.forEach(id -> id.encode(list)));
        w.prefixed16(list -> binders.forEach(b -> list.prefixed8(b::writeTo)));
        return new Extension(ExtensionType.PRE_SHARED_KEY, Bytes.wrap(w.toByteArray()));
    }
}
