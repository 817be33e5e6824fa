package dev.xtls.jsse;

import dev.xtls.handshake.KeyLogSink;
import dev.xtls.wire.Bytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An NSS key log file (what SSLKEYLOGFILE names for browsers and curl): one line {@code LABEL client_random
 * secret} per secret, hex, appended and written through at once so Wireshark can follow it. Created owner-only
 * (rw-------) where the file system has POSIX permissions. Opened on the first secret, with a warning, since whoever
 * reads the file can decrypt the connections; a write failure is reported once and the file then left alone, the
 * connections going on.
 */
final class KeyLogFile implements KeyLogSink {
    private static final System.Logger LOG = System.getLogger("dev.xtls.keylog");
    private static final HexFormat HEX = HexFormat.of();

    private final Path path;
    private FileChannel out; // guarded by this
    private boolean failed; // guarded by this

    KeyLogFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    Path path() {
        return path;
    }

    @Override
    public synchronized void secret(String label, Bytes clientRandom, byte[] secret) {
        if (failed) {
            return;
        }
        byte[] line = (label + ' ' + clientRandom.toHex() + ' ' + HEX.formatHex(secret) + '\n')
                .getBytes(StandardCharsets.US_ASCII);
        try {
            if (out == null) {
                out = open();
            }
            ByteBuffer b = ByteBuffer.wrap(line);
            while (b.hasRemaining()) {
                out.write(b);
            }
        } catch (IOException | UnsupportedOperationException e) {
            failed = true;
            LOG.log(System.Logger.Level.WARNING, "cannot write the TLS key log " + path + ": " + e
                    + "; no more secrets are written to it");
        } finally {
            Arrays.fill(line, (byte) 0);
        }
    }

    private FileChannel open() throws IOException {
        LOG.log(System.Logger.Level.WARNING, "writing TLS secrets to the key log " + path
                + ": whoever can read it can decrypt these connections; use it for debugging only");
        if (!Files.exists(path) && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }
}
