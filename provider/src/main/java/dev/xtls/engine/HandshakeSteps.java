package dev.xtls.engine;

import dev.xtls.wire.HandshakeType;
import java.util.AbstractList;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A handshake's steps as one int each (message code, direction, key epoch), made into {@link HandshakeTrace.Step}s
 * only when read: an idle connection's trace is a small array, not a list of step objects. A view of a
 * {@link HandshakeTrace}'s array, made when read.
 */
final class HandshakeSteps extends AbstractList<HandshakeTrace.Step> implements RandomAccess {
    /** Not handshake types (those are 0..255): the step's own codes. */
    static final int CHANGE_CIPHER_SPEC = 256;
    static final int HELLO_RETRY_REQUEST = 257;
    static final String CHANGE_CIPHER_SPEC_NAME = "ChangeCipherSpec";
    private static final int MAX_HANDSHAKE_TYPE = 255;

    private static final int MESSAGE_BITS = 9;
    private static final int MESSAGE_MASK = (1 << MESSAGE_BITS) - 1;
    private static final int FROM_CLIENT = 1 << MESSAGE_BITS;
    private static final int EPOCH_SHIFT = MESSAGE_BITS + 1;
    private static final int MAX_EPOCH = -1 >>> EPOCH_SHIFT; // past it (millions of key changes) the figure says so
    private static final Map<Integer, String> FIGURE_NAMES = Map.ofEntries(
            Map.entry(0, "HelloRequest"), Map.entry(1, "ClientHello"), Map.entry(2, "ServerHello"),
            Map.entry(4, "NewSessionTicket"), Map.entry(5, "EndOfEarlyData"),
            Map.entry(8, "EncryptedExtensions"), Map.entry(11, "Certificate"), Map.entry(12, "ServerKeyExchange"),
            Map.entry(13, "CertificateRequest"), Map.entry(14, "ServerHelloDone"),
            Map.entry(15, "CertificateVerify"), Map.entry(16, "ClientKeyExchange"), Map.entry(20, "Finished"),
            Map.entry(22, "CertificateStatus"), Map.entry(23, "SupplementalData"), Map.entry(24, "KeyUpdate"),
            Map.entry(CHANGE_CIPHER_SPEC, CHANGE_CIPHER_SPEC_NAME), Map.entry(HELLO_RETRY_REQUEST, "HelloRetryRequest"));

    private final int[] packed;
    private final int size;

    /** The first {@code size} values of {@link #pack} in {@code packed}, a trace's array, which never changes. */
    HandshakeSteps(int[] packed, int size) {
        this.packed = packed;
        this.size = size;
    }

    /** {@code message}: a handshake type's code, {@link #CHANGE_CIPHER_SPEC} or {@link #HELLO_RETRY_REQUEST}. */
    static int pack(boolean fromClient, int message, int keyEpoch) {
        return message | (fromClient ? FROM_CLIENT : 0) | Math.min(keyEpoch, MAX_EPOCH) << EPOCH_SHIFT;
    }

    static int message(int packedStep) {
        return packedStep & MESSAGE_MASK;
    }

    /** The message's name as the RFC figures write it (ClientHello, HelloRetryRequest, ChangeCipherSpec, ...). */
    static String name(int message) {
        String name = FIGURE_NAMES.get(message);
        return name != null ? name : new HandshakeType(message).name();
    }

    /** The message {@link #name} gives {@code name}. */
    static int code(String name) {
        for (Map.Entry<Integer, String> e : FIGURE_NAMES.entrySet()) {
            if (e.getValue().equals(name)) {
                return e.getKey();
            }
        }
        for (int code = 0; code <= MAX_HANDSHAKE_TYPE; code++) {
            if (new HandshakeType(code).name().equals(name)) {
                return code;
            }
        }
        throw new IllegalArgumentException("not a handshake message: " + name);
    }

    @Override
    public HandshakeTrace.Step get(int index) {
        Objects.checkIndex(index, size);
        int p = packed[index];
        return new HandshakeTrace.Step((p & FROM_CLIENT) != 0, name(message(p)), p >>> EPOCH_SHIFT);
    }

    @Override
    public int size() {
        return size;
    }
}
