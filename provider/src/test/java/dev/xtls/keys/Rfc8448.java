package dev.xtls.keys;

import dev.xtls.crypto.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The hex values of RFC 8448 (Example Handshake Traces for TLS 1.3), copied into rfc8448.txt next to this class
 * as "section.name = hex". Every trace uses TLS_AES_128_GCM_SHA256, so transcript hashes are SHA-256, computed
 * here with java.security.MessageDigest rather than the code under test.
 */
final class Rfc8448 {
    private static final Map<String, byte[]> VALUES = load();

    private final String section;

    private Rfc8448(String section) {
        this.section = section;
    }

    /** §3 Simple 1-RTT Handshake. */
    static Rfc8448 simple() {
        return new Rfc8448("3");
    }

    /** §4 Resumed 0-RTT Handshake. */
    static Rfc8448 resumed() {
        return new Rfc8448("4");
    }

    /** §5 HelloRetryRequest. */
    static Rfc8448 helloRetry() {
        return new Rfc8448("5");
    }

    byte[] get(String name) {
        byte[] value = VALUES.get(section + "." + name);
        if (value == null) {
            throw new IllegalArgumentException("no RFC 8448 §" + section + " value " + name);
        }
        return value.clone();
    }

    Secret secret(String name) {
        return Secret.wrap(get(name));
    }

    /** SHA-256 of the named messages, concatenated in order (RFC 8446 §4.4.1 Transcript-Hash). */
    byte[] transcriptHash(String... messages) {
        MessageDigest sha256 = sha256();
        for (String m : messages) {
            sha256.update(get(m));
        }
        return sha256.digest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, byte[]> load() {
        try (InputStream in = Rfc8448.class.getResourceAsStream("rfc8448.txt")) {
            Map<String, byte[]> values = new HashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] kv = line.split(" = ", 2);
                values.put(kv[0].trim(), HexFormat.of().parseHex(kv[1].trim()));
            }
            return Map.copyOf(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
