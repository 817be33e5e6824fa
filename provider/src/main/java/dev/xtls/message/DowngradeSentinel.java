package dev.xtls.message;

import dev.xtls.wire.Bytes;

import java.util.Arrays;
import java.util.Optional;

/**
 * The last 8 bytes of ServerHello.random of a TLS 1.3 capable server that negotiates an older version
 * (RFC 8446 §4.1.3). A TLS 1.3 client that finds one must abort with illegal_parameter; a TLS 1.2 client that
 * offered 1.3 should.
 */
public enum DowngradeSentinel {
    /** Negotiating TLS 1.2: "44 4F 57 4E 47 52 44 01" ("DOWNGRD" 01). */
    TLS12("444F574E47524401"),
    /** Negotiating TLS 1.1 or below: "44 4F 57 4E 47 52 44 00". */
    TLS11_OR_BELOW("444F574E47524400");

    /** Bytes of a sentinel, at the end of the 32-byte random. */
    public static final int LENGTH = 8;

    private final Bytes value;

    DowngradeSentinel(String hex) {
        this.value = Bytes.fromHex(hex);
    }

    public Bytes value() {
        return value;
    }

    /** The sentinel that ends {@code serverRandom}, if any. */
    public static Optional<DowngradeSentinel> find(Bytes serverRandom) {
        if (serverRandom.length() < LENGTH) {
            return Optional.empty();
        }
        byte[] r = serverRandom.toByteArray();
        Bytes tail = Bytes.wrap(Arrays.copyOfRange(r, r.length - LENGTH, r.length));
        return Arrays.stream(values()).filter(s -> s.value.equals(tail)).findFirst();
    }

    /** {@code serverRandom} with its last 8 bytes replaced by this sentinel, as the server sends it. */
    public Bytes stamp(Bytes serverRandom) {
        if (serverRandom.length() < LENGTH) {
            throw new IllegalArgumentException("random too short for a sentinel: " + serverRandom.length());
        }
        byte[] r = serverRandom.toByteArray();
        byte[] s = value.toByteArray();
        System.arraycopy(s, 0, r, r.length - LENGTH, LENGTH);
        return Bytes.wrap(r);
    }
}
