package dev.xtls.message;

import dev.xtls.wire.HandshakeType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The handshake messages of the RFC 8448 traces, from {@code rfc8448-messages.hex}: "[key]" lines, each followed
 * by the message's hex (header included); '#' lines are comments citing the RFC section.
 */
public final class Rfc8448Messages {
    private static final Map<String, byte[]> MESSAGES = load("rfc8448-messages.hex");

    private Rfc8448Messages() {
    }

    private static Map<String, byte[]> load(String name) {
        try (InputStream in = Rfc8448Messages.class.getResourceAsStream(name)) {
            Map<String, StringBuilder> hex = new LinkedHashMap<>();
            StringBuilder current = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList()) {
                if (line.startsWith("[")) {
                    current = new StringBuilder();
                    hex.put(line.substring(1, line.length() - 1), current);
                } else if (!line.startsWith("#") && !line.isBlank()) {
                    current.append(line.strip());
                }
            }
            Map<String, byte[]> out = new LinkedHashMap<>();
            hex.forEach((k, v) -> out.put(k, HexFormat.of().parseHex(v)));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Iterable<String> keys() {
        return MESSAGES.keySet();
    }

    /** The whole message, header included. */
    public static byte[] message(String key) {
        byte[] m = MESSAGES.get(key);
        if (m == null) {
            throw new IllegalArgumentException("no RFC 8448 message " + key);
        }
        return m.clone();
    }

    public static HandshakeType type(String key) {
        return new HandshakeType(message(key)[0] & 0xFF);
    }

    /** The body, after the 4-byte header whose length must match it. */
    public static byte[] body(String key) {
        byte[] m = message(key);
        int length = ((m[1] & 0xFF) << 16) | ((m[2] & 0xFF) << 8) | (m[3] & 0xFF);
        if (length != m.length - HandshakeFrame.HEADER_LENGTH) {
            throw new IllegalStateException(key + ": header length " + length + " for " + m.length + " bytes");
        }
        return Arrays.copyOfRange(m, HandshakeFrame.HEADER_LENGTH, m.length);
    }
}
