package dev.xtls.message.ext;

import dev.xtls.message.Extension;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;

/** encrypt_then_mac (RFC 7366 §2): the "extension_data" field of this extension SHALL be empty. */
public record EncryptThenMac() {
    public static final EncryptThenMac INSTANCE = new EncryptThenMac();

    public static EncryptThenMac decode(Bytes data) {
        EmptyExtension.checkEmpty(data, ExtensionType.ENCRYPT_THEN_MAC);
        return INSTANCE;
    }

    public static Extension extension() {
        return EmptyExtension.of(ExtensionType.ENCRYPT_THEN_MAC);
    }

    public Extension toExtension() {
        return extension();
    }
}
