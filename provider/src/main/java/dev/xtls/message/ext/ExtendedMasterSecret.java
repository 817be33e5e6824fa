package dev.xtls.message.ext;

import dev.xtls.message.Extension;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;

/** extended_master_secret (RFC 7627 §5.1): the "extension_data" field of this extension is empty. */
public record ExtendedMasterSecret() {
    public static final ExtendedMasterSecret INSTANCE = new ExtendedMasterSecret();

    public static ExtendedMasterSecret decode(Bytes data) {
        EmptyExtension.checkEmpty(data, ExtensionType.EXTENDED_MASTER_SECRET);
        return INSTANCE;
    }

    public static Extension extension() {
        return EmptyExtension.of(ExtensionType.EXTENDED_MASTER_SECRET);
    }

    public Extension toExtension() {
        return extension();
    }
}
