package dev.xtls.message.ext;

import dev.xtls.message.Extension;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.DecodeException;
import dev.xtls.wire.ExtensionType;

/** Extensions whose presence is the whole message: their extension_data must be empty. */
public final class EmptyExtension {
    private EmptyExtension() {
    }

    public static Extension of(ExtensionType type) {
        return new Extension(type, Bytes.EMPTY);
    }

    public static void checkEmpty(Bytes data, ExtensionType type) {
        if (!data.isEmpty()) {
            throw new DecodeException(type + ": extension_data must be empty, got " + data.length() + " bytes");
        }
    }
}
