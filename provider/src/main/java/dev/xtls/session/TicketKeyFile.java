package dev.xtls.session;

import dev.xtls.crypto.TlsCrypto;
import dev.xtls.wire.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a ticket key file in the formats nginx and HAProxy operators already generate. Raw binary: N keys of 80
 * bytes ({@code openssl rand 80}, keys concatenated), or exactly one 48-byte key (nginx's older format). Text: one
 * base64 key of 80 or 48 bytes per line (HAProxy's {@code tls-ticket-keys}; blank lines ignored). A file whose every
 * byte is a base64 character or white space is text: 80 random bytes are all such with probability below 1e-45.
 * The first key seals, all keys open. Errors are IllegalArgumentExceptions that say what was expected.
 */
final class TicketKeyFile {
    /** Far above any real key file (800 keys), so reading one is cheap and bounded. */
    static final int MAX_FILE_LENGTH = 64 * 1024;
    private static final String EXPECTED = "expected raw keys of 80 bytes each (openssl rand 80) or one raw "
            + "48-byte key, or lines of one base64 key of 80 or 48 bytes each (openssl rand 80 | openssl base64 -A)";

    private TicketKeyFile() {
    }

    /** The keys in {@code content}, first the one that seals; {@code source} names the file in messages. */
    static List<SessionTicketKey> parse(String source, byte[] content, TlsCrypto crypto) {
        if (content.length > MAX_FILE_LENGTH) {
            throw new IllegalArgumentException(source + ": " + content.length + " bytes is too large for a ticket "
                    + "key file (at most " + MAX_FILE_LENGTH + "); " + EXPECTED);
        }
        List<byte[]> entries = isText(content) ? base64Lines(source, content) : rawKeys(source, content);
        try {
            if (entries.isEmpty()) {
                throw new IllegalArgumentException(source + ": the file holds no key; " + EXPECTED);
            }
            List<SessionTicketKey> keys = new ArrayList<>(entries.size());
            Map<Bytes, Integer> seen = new HashMap<>();
            for (byte[] entry : entries) {
                SessionTicketKey key = SessionTicketKey.fromKeyFileEntry(entry, crypto);
                Integer first = seen.putIfAbsent(key.name(), keys.size() + 1);
                if (first != null) {
                    keys.forEach(SessionTicketKey::destroy);
                    key.destroy();
                    throw new IllegalArgumentException(source + ": keys " + first + " and " + (keys.size() + 1)
                            + " have the same name " + key.name().toHex() + "; each key needs its own first 16 bytes");
                }
                keys.add(key);
            }
            return List.copyOf(keys);
        } finally {
            entries.forEach(e -> Arrays.fill(e, (byte) 0));
        }
    }

    private static boolean isText(byte[] content) {
        for (byte b : content) {
            boolean base64 = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '+'
                    || b == '/' || b == '=';
            boolean space = b == ' ' || b == '\t' || b == '\r' || b == '\n';
            if (!base64 && !space) {
                return false;
            }
        }
        return true;
    }

    private static List<byte[]> rawKeys(String source, byte[] content) {
        int size;
        if (content.length > 0 && content.length % SessionTicketKey.FILE_KEY_LENGTH == 0) {
            size = SessionTicketKey.FILE_KEY_LENGTH;
        } else if (content.length == SessionTicketKey.OLD_FILE_KEY_LENGTH) {
            size = SessionTicketKey.OLD_FILE_KEY_LENGTH;
        } else {
            throw new IllegalArgumentException(source + ": " + content.length + " bytes of binary data is not a "
                    + "ticket key file; " + EXPECTED);
        }
        List<byte[]> keys = new ArrayList<>();
        for (int at = 0; at < content.length; at += size) {
            keys.add(Arrays.copyOfRange(content, at, at + size));
        }
        return keys;
    }

    private static List<byte[]> base64Lines(String source, byte[] content) {
        String[] lines = new String(content, StandardCharsets.US_ASCII).split("\n", -1);
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(line);
            } catch (IllegalArgumentException e) {
                keys.forEach(k -> Arrays.fill(k, (byte) 0));
                throw new IllegalArgumentException(source + ": line " + (i + 1) + " is not base64 ("
                        + e.getMessage() + "); " + EXPECTED, e);
            }
            if (key.length != SessionTicketKey.FILE_KEY_LENGTH && key.length != SessionTicketKey.OLD_FILE_KEY_LENGTH) {
                Arrays.fill(key, (byte) 0);
                keys.forEach(k -> Arrays.fill(k, (byte) 0));
                throw new IllegalArgumentException(source + ": line " + (i + 1) + " holds a " + key.length
                        + "-byte key; " + EXPECTED);
            }
            keys.add(key);
        }
        return keys;
    }
}
