package dev.xtls.handshake.server;

import dev.xtls.handshake.SupplementalDataTypes;
import dev.xtls.message.ClientHello;
import dev.xtls.message.Extension;
import dev.xtls.spi.SupplementalDataReceiver;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.TlsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SupplementalData types a server agrees to (RFC 4680 §2): those whose extension the client offered and the
 * receiver accepted, each answered by its extension in ServerHello.
 */
record ServerSupplementalData(List<SupplementalDataReceiver> receivers, List<Extension> echoes) {
    ServerSupplementalData {
        receivers = List.copyOf(receivers);
        echoes = List.copyOf(echoes);
    }

    static ServerSupplementalData agree(SupplementalDataTypes types, ClientHello hello) {
        List<SupplementalDataReceiver> accepted = new ArrayList<>();
        List<Extension> echoes = new ArrayList<>();
        for (SupplementalDataReceiver receiver : types.receivers()) {
            Optional<Extension> offered = hello.extensions().find(new ExtensionType(receiver.extensionType()));
            if (offered.isEmpty()) {
                continue;
            }
            Optional<byte[]> answer;
            try {
                answer = receiver.accept(offered.get().data().toByteArray());
            } catch (IllegalArgumentException e) {
                throw new TlsException(AlertDescription.DECODE_ERROR, "client's " + offered.get().type()
                        + " extension is malformed: " + e.getMessage());
            }
            if (answer.isPresent()) {
                accepted.add(receiver);
                echoes.add(new Extension(offered.get().type(), Bytes.of(answer.get())));
            }
        }
        return new ServerSupplementalData(accepted, echoes);
    }

    Optional<SupplementalDataReceiver> receiver(int dataType) {
        return receivers.stream().filter(r -> r.dataType() == dataType).findFirst();
    }
}
