package dev.xtls.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.xtls.message.CodecCase;
import dev.xtls.message.MessageSamples;
import dev.xtls.message.ext.ExtensionSamples;
import dev.xtls.wire.TlsException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every handshake message and extension decoder, table-driven: the first input byte picks the codec (the sample
 * list sorted by name), the rest is the encoding. A decoder may only fail with a {@link TlsException} (it carries
 * the alert, RFC 5246 §7.2); whatever it accepts must encode to bytes that decode to the same value.
 */
class DecoderFuzzTest {
    /** Sorted by name so that a corpus file keeps meaning the same codec when samples are added. */
    static final List<CodecCase<?>> CODECS = Stream.concat(MessageSamples.all().stream(),
            ExtensionSamples.all().stream()).sorted(Comparator.comparing(CodecCase::name)).toList();

    @FuzzTest(maxDuration = "2m")
    void decoders(byte[] input) {
        if (input.length == 0) {
            return;
        }
        decode(CODECS.get((input[0] & 0xFF) % CODECS.size()), Arrays.copyOfRange(input, 1, input.length));
    }

    private static <T> void decode(CodecCase<T> codec, byte[] encoding) {
        T decoded;
        try {
            decoded = codec.decoder().apply(encoding);
        } catch (TlsException expected) {
            return;
        }
        assertEquals(decoded, codec.decoder().apply(codec.encoder().apply(decoded)), codec.name());
    }
}
