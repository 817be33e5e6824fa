package dev.xtls.it.openssl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Session ticket key files as {@code -Ddev.xtls.sessionTicketKeys} reads them (nginx format: N keys of 80 bytes, as
 * {@code openssl rand 80} makes them, the first one sealing), and the key name that leads a ticket (RFC 5077 §4).
 */
public final class TicketKeyFile {
    /** Bytes in one key: 16 name, 32 HMAC, 32 AES (nginx's ssl_session_ticket_key). */
    public static final int KEY_LENGTH = 80;
    /** RFC 5077 §4: the ticket starts with the 16-byte name of the key that sealed it. */
    public static final int NAME_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TICKET = Pattern.compile("TLS session ticket:\\s*\\n((?:\\s*[0-9a-f]{4} - .*\\n)+)");
    private static final Pattern HEX_BYTE = Pattern.compile("(?<=[ -])([0-9a-f]{2})(?=[ -])");

    private TicketKeyFile() {
    }

    /** A fresh random key. */
    public static byte[] newKey() {
        byte[] k = new byte[KEY_LENGTH];
        RANDOM.nextBytes(k);
        return k;
    }

    /** The name a key gives the tickets it seals. */
    public static String name(byte[] key) {
        return HexFormat.of().formatHex(Arrays.copyOf(key, NAME_LENGTH));
    }

    /** (Re)writes {@code file}, owner-only, with {@code keys} in order: the first seals, all open. */
    public static Path write(Path file, byte[]... keys) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] k : keys) {
            all.writeBytes(k);
        }
        try {
            // a temp file moved over the old one: a server never reads half a file
            Path tmp = Files.createTempFile(file.getParent(), "keys", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, all.toByteArray());
            return Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The key name (hex) of the ticket in an SSL_SESSION PEM that {@code s_client -sess_out} wrote, read with
     * {@code openssl sess_id -text} ("TLS session ticket:" and a hex dump).
     */
    public static String ticketKeyName(Path sessionPem) {
        OpenSsl.Output o = OpenSsl.run(List.of("sess_id", "-in", sessionPem.toString(), "-noout", "-text"),
                OpenSsl.DEFAULT_TIMEOUT);
        Matcher m = TICKET.matcher(o.stdout());
        if (o.exitCode() != 0 || !m.find()) {
            throw new AssertionError("no ticket in " + sessionPem + ": " + o.stdout() + o.stderr());
        }
        StringBuilder hex = new StringBuilder();
        for (String line : m.group(1).split("\n")) {
            String dump = line.substring(line.indexOf(" - ") + 2);
            Matcher b = HEX_BYTE.matcher(dump.length() > 50 ? dump.substring(0, 50) : dump);
            while (b.find() && hex.length() < 2 * NAME_LENGTH) {
                hex.append(b.group(1));
            }
        }
        return hex.toString();
    }
}
