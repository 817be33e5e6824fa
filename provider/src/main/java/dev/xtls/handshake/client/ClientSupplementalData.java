package dev.xtls.handshake.client;

import dev.xtls.handshake.SupplementalDataTypes;
import dev.xtls.message.Extension;
import dev.xtls.message.ServerHello;
import dev.xtls.message.SupplementalDataEntry;
import dev.xtls.spi.SupplementalDataSender;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.TlsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SupplementalData a client sends: only for the types whose extension the server echoed (RFC 4680 §2). */
final class ClientSupplementalData {
    private ClientSupplementalData() {
    }

    static List<SupplementalDataEntry> agreed(SupplementalDataTypes types, ServerHello hello) {
        List<SupplementalDataEntry> entries = new ArrayList<>();
        for (SupplementalDataSender sender : types.senders()) {
            Optional<Extension> echo = hello.extensions().find(new ExtensionType(sender.extensionType()));
            if (echo.isEmpty()) {
                continue;
            }
            Optional<byte[]> data;
            try {
                data = sender.data(echo.get().data().toByteArray());
            } catch (IllegalArgumentException e) {
                throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server's " + echo.get().type()
                        + " extension is not acceptable: " + e.getMessage());
            }
            data.ifPresent(d -> entries.add(new SupplementalDataEntry(sender.dataType(), Bytes.of(d))));
        }
        return entries;
    }
}
