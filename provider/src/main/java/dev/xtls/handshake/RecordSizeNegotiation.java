package dev.xtls.handshake;

import dev.xtls.message.Extension;
import dev.xtls.message.Extensions;
import dev.xtls.message.ext.MaxFragmentLength;
import dev.xtls.message.ext.RecordSizeLimit;
import dev.xtls.record.RecordLimits;
import dev.xtls.record.RecordSizeLimits;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.TlsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * max_fragment_length (RFC 6066 §4) and record_size_limit (RFC 8449) in the hellos: what the client offers, what
 * the server answers (in ServerHello up to TLS 1.2, in EncryptedExtensions in TLS 1.3), and the limits the
 * connection then enforces.
 */
public final class RecordSizeNegotiation {
    private RecordSizeNegotiation() {
    }

    /** The server's answer and the limits that follow from it. */
    public record Answer(List<Extension> extensions, RecordSizeLimits limits) {
    }

    /** Client: record_size_limit always; max_fragment_length when configured. */
    public static List<Extension> offer(RecordSizePolicy policy, boolean tls13Offered) {
        List<Extension> ext = new ArrayList<>();
        ext.add(new RecordSizeLimit(ownLimit(policy, tls13Offered)).toExtension());
        if (policy.maxFragmentLength() != null) {
            ext.add(policy.maxFragmentLength().toExtension());
        }
        return ext;
    }

    /**
     * Server: RFC 8449 §5, a client offering both gets record_size_limit and its max_fragment_length is ignored
     * (still checked: RFC 6066 §4, an invalid value is illegal_parameter); else max_fragment_length is echoed.
     */
    public static Answer answer(RecordSizePolicy policy, Extensions clientHello, boolean tls13) {
        Optional<MaxFragmentLength> mfl = clientHello.find(ExtensionType.MAX_FRAGMENT_LENGTH)
                .map(e -> MaxFragmentLength.decode(e.data()));
        Optional<RecordSizeLimit> rsl = clientHello.find(ExtensionType.RECORD_SIZE_LIMIT)
                .map(e -> RecordSizeLimit.decode(e.data()));
        if (rsl.isPresent()) {
            int own = ownLimit(policy, tls13);
            return new Answer(List.of(new RecordSizeLimit(own).toExtension()),
                    limits(rsl.get().limit(), own, tls13));
        }
        if (mfl.isPresent()) {
            return new Answer(List.of(mfl.get().toExtension()), fragmentLimits(mfl.get(), tls13));
        }
        return new Answer(List.of(), RecordSizeLimits.NONE);
    }

    /** Client: the server's answer (the extensions were offered, else they are rejected before this). */
    public static RecordSizeLimits accept(RecordSizePolicy policy, boolean tls13Offered, Extensions answer,
            boolean tls13) {
        Optional<Extension> mfl = answer.find(ExtensionType.MAX_FRAGMENT_LENGTH);
        Optional<Extension> rsl = answer.find(ExtensionType.RECORD_SIZE_LIMIT);
        if (mfl.isPresent() && rsl.isPresent()) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "the server answered both"
                    + " max_fragment_length and record_size_limit; it must ignore the first (RFC 8449 §5)");
        }
        if (mfl.isPresent()) {
            MaxFragmentLength chosen = MaxFragmentLength.decode(mfl.get().data());
            if (!chosen.equals(policy.maxFragmentLength())) {
                throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "the server's max_fragment_length of "
                        + chosen.length() + " bytes differs from the " + policy.maxFragmentLength().length()
                        + " requested (RFC 6066 §4)");
            }
            return fragmentLimits(chosen, tls13);
        }
        if (rsl.isPresent()) {
            int peer = RecordSizeLimit.decode(rsl.get().data()).limit();
            int own = ownLimit(policy, tls13Offered);
            return limits(peer, tls13 ? own : Math.min(own, RecordLimits.MAX_PLAINTEXT), tls13);
        }
        return RecordSizeLimits.NONE;
    }

    /**
     * Both directions keep to max_fragment_length. In TLS 1.3 SunJSSE also counts the content type byte in it
     * (it refuses a 2^9-byte content), OpenSSL does not: we send one byte less and accept either.
     */
    private static RecordSizeLimits fragmentLimits(MaxFragmentLength mfl, boolean tls13) {
        return new RecordSizeLimits(mfl.length() - (tls13 ? 1 : 0), mfl.length(), false, true);
    }

    /** RFC 8449 §4: TLS 1.3 counts the content type byte, so its largest value is 2^14 + 1. */
    private static int ownLimit(RecordSizePolicy policy, boolean tls13) {
        return policy.recordSizeLimit() + (tls13 ? 1 : 0);
    }

    /**
     * RFC 8449 §4: each side's value limits what the other sends; a value above the protocol's largest (a client
     * offering TLS 1.3 to a TLS 1.2 server) means the largest.
     */
    private static RecordSizeLimits limits(int peer, int own, boolean tls13) {
        int send = tls13 ? Math.min(peer, RecordLimits.MAX_PLAINTEXT + 1) - 1 : Math.min(peer,
                RecordLimits.MAX_PLAINTEXT);
        RecordSizeLimits limits = new RecordSizeLimits(send, own, tls13, false);
        return limits.equals(RecordSizeLimits.NONE) ? RecordSizeLimits.NONE : limits; // the shared one when equal
    }
}
