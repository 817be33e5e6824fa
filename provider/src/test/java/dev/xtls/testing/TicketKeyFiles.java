package dev.xtls.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/** Session-ticket key files as Xtls.useSessionTicketKeys reads them: 80-byte keys, newest first, owner-only. */
public final class TicketKeyFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TicketKeyFiles() {
    }

    /** A fresh 80-byte ticket key. */
    public static byte[] newKey() {
        byte[] k = new byte[80];
        RANDOM.nextBytes(k);
        return k;
    }

    /** A new file in {@code dir} holding one fresh key. */
    public static Path withNewKey(Path dir) throws IOException {
        Path f = Files.createTempFile(dir, "ticket", ".key",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(f, newKey());
        return f;
    }

    /** (Re)writes {@code file} with {@code keys}, newest first. */
    public static Path write(Path file, byte[]... keys) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        for (byte[] k : keys) {
            Files.write(file, k, StandardOpenOption.APPEND);
        }
        return file;
    }
}
