package dev.xtls.message;

import dev.xtls.message.ext.ExtensionSamples;

import java.util.stream.Stream;

/** Every message and extension codec under test. */
final class Codecs {
    private Codecs() {
    }

    static Stream<CodecCase<?>> all() {
        return Stream.concat(MessageSamples.all().stream(), ExtensionSamples.all().stream());
    }
}
