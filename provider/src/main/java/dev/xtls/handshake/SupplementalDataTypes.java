package dev.xtls.handshake;

import dev.xtls.spi.SupplementalDataReceiver;
import dev.xtls.spi.SupplementalDataSender;
import dev.xtls.wire.ExtensionType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The SupplementalData types (RFC 4680) one side sends (client) or accepts (server), at most one per data type and
 * per hello extension; immutable. {@code doubleHandshake} (RFC 4680 §4, Figure 2): the client offers its types
 * only in a renegotiation it starts right after a first handshake without them, so the data travels encrypted
 * after both sides are authenticated; a server accepts that one client-initiated renegotiation.
 */
public record SupplementalDataTypes(List<SupplementalDataSender> senders, List<SupplementalDataReceiver> receivers,
        boolean doubleHandshake) {
    public static final SupplementalDataTypes NONE = new SupplementalDataTypes(List.of(), List.of(), false);

    /** Extensions the handshake itself sends or answers; an application type may not take them over. */
    private static final Set<ExtensionType> BUILT_IN = Set.of(ExtensionType.SERVER_NAME,
            ExtensionType.SUPPORTED_GROUPS, ExtensionType.EC_POINT_FORMATS, ExtensionType.SIGNATURE_ALGORITHMS,
            ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, ExtensionType.ENCRYPT_THEN_MAC,
            ExtensionType.EXTENDED_MASTER_SECRET, ExtensionType.SESSION_TICKET, ExtensionType.RENEGOTIATION_INFO);

    public SupplementalDataTypes {
        senders = List.copyOf(senders);
        receivers = List.copyOf(receivers);
    }

    /** Adds {@code sender}, replacing the one for the same data type. */
    public SupplementalDataTypes withSender(SupplementalDataSender sender) {
        check(sender.dataType(), sender.extensionType());
        List<SupplementalDataSender> next = new ArrayList<>(withoutType(senders, sender.dataType()));
        ensureFree(next.stream().mapToInt(SupplementalDataSender::extensionType), sender.extensionType());
        next.add(sender);
        return new SupplementalDataTypes(next, receivers, doubleHandshake);
    }

    /** Adds {@code receiver}, replacing the one for the same data type. */
    public SupplementalDataTypes withReceiver(SupplementalDataReceiver receiver) {
        check(receiver.dataType(), receiver.extensionType());
        List<SupplementalDataReceiver> next = new ArrayList<>(receivers.stream()
                .filter(r -> r.dataType() != receiver.dataType()).toList());
        ensureFree(next.stream().mapToInt(SupplementalDataReceiver::extensionType), receiver.extensionType());
        next.add(receiver);
        return new SupplementalDataTypes(senders, next, doubleHandshake);
    }

    public SupplementalDataTypes withoutSender(int dataType) {
        return new SupplementalDataTypes(withoutType(senders, dataType), receivers, doubleHandshake);
    }

    public SupplementalDataTypes withoutReceiver(int dataType) {
        return new SupplementalDataTypes(senders, receivers.stream().filter(r -> r.dataType() != dataType).toList(),
                doubleHandshake);
    }

    /** RFC 4680 §4: the data goes only in a renegotiation right after the first handshake. */
    public SupplementalDataTypes withDoubleHandshake(boolean on) {
        return new SupplementalDataTypes(senders, receivers, on);
    }

    /** Client: whether a ClientHello in {@code renegotiation} offers the types. */
    public boolean offeredIn(RenegotiationContext renegotiation) {
        return !senders.isEmpty() && (!doubleHandshake || !renegotiation.isInitial());
    }

    /** Client: whether the handshake just completed must be followed by the second one of RFC 4680 §4. */
    public boolean secondHandshakeDue(RenegotiationContext completed) {
        return doubleHandshake && !senders.isEmpty() && completed.isInitial();
    }

    private static List<SupplementalDataSender> withoutType(List<SupplementalDataSender> list, int dataType) {
        return list.stream().filter(s -> s.dataType() != dataType).toList();
    }

    private static void check(int dataType, int extensionType) {
        if (dataType < 0 || dataType > 0xFFFF) {
            throw new IllegalArgumentException("SupplementalDataType must be 0 to 65535, not " + dataType);
        }
        if (extensionType < 0 || extensionType > 0xFFFF) {
            throw new IllegalArgumentException("extension type must be 0 to 65535, not " + extensionType);
        }
        if (BUILT_IN.contains(new ExtensionType(extensionType))) {
            throw new IllegalArgumentException("extension " + new ExtensionType(extensionType)
                    + " is Xtls's own; a SupplementalData type needs an extension of its own (RFC 4680 §2)");
        }
    }

    private static void ensureFree(IntStream used, int extensionType) {
        if (used.anyMatch(t -> t == extensionType)) {
            throw new IllegalArgumentException("extension " + new ExtensionType(extensionType)
                    + " already agrees on another SupplementalData type");
        }
    }
}
