package dev.xtls.record;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The keys and protected records of RFC 8448 §3 (Simple 1-RTT Handshake, TLS_AES_128_GCM_SHA256), read from
 * {@code rfc8448-simple-1rtt-records.txt}, whose hex is copied from the RFC.
 */
final class Rfc8448Trace {
    private static final Map<String, byte[]> VALUES = load();

    private Rfc8448Trace() {
    }

    /** A value by its name in the resource, e.g. "server handshake key" or "client finished record". */
    static byte[] get(String name) {
        byte[] value = VALUES.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no '" + name + "' in the RFC 8448 resource");
        }
        return value.clone();
    }

    private static Map<String, byte[]> load() {
        Map<String, byte[]> values = new HashMap<>();
        try (InputStream in = Rfc8448Trace.class.getResourceAsStream("rfc8448-simple-1rtt-records.txt");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                int colon = line.indexOf(": ");
                if (!line.isBlank() && !line.startsWith("#")) {
                    values.put(line.substring(0, colon), HexFormat.of().parseHex(line.substring(colon + 2)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }
}
