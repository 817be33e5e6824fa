package dev.xtls.message.ext;

import dev.xtls.message.Extension;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;

/**
 * early_data in the ClientHello and EncryptedExtensions (RFC 8446 §4.2.10): empty. The NewSessionTicket form
 * carries a size: {@link MaxEarlyDataSize}.
 * <pre>
 * struct {} Empty;
 * struct {
 *     select (Handshake.msg_type) {
 *         case client_hello:         Empty;
 *         case encrypted_extensions: Empty;
 *     };
 * } EarlyDataIndication;
 * </pre>
 */
public record EarlyData() {
    public static final EarlyData INSTANCE = new EarlyData();

    public static EarlyData decode(Bytes data) {
        EmptyExtension.checkEmpty(data, ExtensionType.EARLY_DATA);
        return INSTANCE;
    }

    public static Extension extension() {
        return EmptyExtension.of(ExtensionType.EARLY_DATA);
    }

    public Extension toExtension() {
        return extension();
    }
}
