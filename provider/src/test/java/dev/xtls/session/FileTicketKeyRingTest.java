package dev.xtls.session;

import static dev.xtls.session.TicketSessions.CREATED;
import static dev.xtls.session.TicketSessions.contents;
import static dev.xtls.session.TicketSessions.established;
import static dev.xtls.session.TicketSessions.ringOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.xtls.crypto.jca.JcaTlsCrypto;
import dev.xtls.session.TicketSessions.ManualClock;
import dev.xtls.testing.Tools;
import dev.xtls.wire.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key files made by the tool operators use ({@code openssl rand}), reloaded as they rotate them. */
class FileTicketKeyRingTest {
    private static final Duration RECHECK = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final JcaTlsCrypto crypto = new JcaTlsCrypto(new SecureRandom());
    private final ManualClock clock = new ManualClock(CREATED + 1000);

    @Test
    void aKeyFileFromOpensslRand80SealsWithItsKeyName() throws Exception {
        byte[] key = openssl("rand", "80");
        Path file = keyFile(key);
        FileTicketKeyRing ring = ring(file);
        TicketSealer sealer = new TicketSealer(crypto, ring, clock);

        byte[] ticket = sealer.seal(contents(established(5))).orElseThrow();

        assertEquals(Bytes.of(Arrays.copyOf(key, 16)), nameOf(ticket));
        assertTrue(sealer.open(ticket).isPresent());
        assertEquals(Optional.empty(), ring.permissionWarning());
    }

    @Test
    void inATwoKeyFileTheFirstKeySealsAndBothOpen() throws Exception {
        byte[] first = openssl("rand", "80");
        byte[] second = openssl("rand", "80");
        TicketSealer sealer = new TicketSealer(crypto, ring(keyFile(first, second)), clock);
        byte[] underSecond = new TicketSealer(crypto, ringOf(SessionTicketKey.fromKeyFileEntry(second, crypto)),
                clock).seal(contents(established(5))).orElseThrow();

        assertEquals(Bytes.of(Arrays.copyOf(first, 16)), nameOf(sealer.seal(contents(established(5))).orElseThrow()));
        assertTrue(sealer.open(underSecond).isPresent());
    }

    @Test
    void haproxyBase64LinesAndNginxOlder48ByteKeysLoad() throws Exception {
        byte[] firstKey = openssl("rand", "80");
        Path text = keyFile(base64Line(firstKey), "\n".getBytes(StandardCharsets.US_ASCII),
                base64Line(openssl("rand", "48")));
        assertEquals(Bytes.of(Arrays.copyOf(firstKey, 16)), ring(text).current().name());

        byte[] old = openssl("rand", "48");
        assertEquals(Bytes.of(Arrays.copyOf(old, 16)), ring(keyFile(old)).current().name());
    }

    @Test
    void aRotatedFileIsReloadedAfterTheRecheckIntervalAndKeepsOpeningOldTickets() throws Exception {
        byte[] oldKey = openssl("rand", "80");
        byte[] newKey = openssl("rand", "80");
        Path file = keyFile(oldKey);
        FileTicketKeyRing ring = ring(file);
        TicketSealer sealer = new TicketSealer(crypto, ring, clock);
        byte[] oldTicket = sealer.seal(contents(established(5))).orElseThrow();
        SessionTicketKey oldObject = ring.current();

        Files.write(file, concat(newKey, oldKey)); // the operator prepends the new key
        clock.advance(RECHECK.toMillis() - 1);
        assertEquals(Bytes.of(Arrays.copyOf(oldKey, 16)), ring.current().name());
        clock.advance(1);
        byte[] newTicket = sealer.seal(contents(established(5))).orElseThrow();
        assertEquals(Bytes.of(Arrays.copyOf(newKey, 16)), nameOf(newTicket));
        assertTrue(sealer.open(oldTicket).isPresent());
        assertSame(oldObject, ring.find(oldObject.name()).orElseThrow());

        Files.write(file, newKey); // the old key leaves the file
        clock.advance(RECHECK.toMillis());
        assertEquals(Optional.empty(), sealer.open(oldTicket));
        assertTrue(oldObject.isDestroyed());
        assertTrue(sealer.open(newTicket).isPresent());
        assertEquals(Optional.empty(), ring.lastReloadError());
    }

    @Test
    void aMalformedFileFailsConstructionNamingTheFileItsLengthAndTheExpectedFormat() throws Exception {
        Path file = keyFile(concat(openssl("rand", "80"), new byte[] {(byte) 0xFF}));

        KeyManagementException e = assertThrows(KeyManagementException.class, () -> ring(file));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("81 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("openssl rand 80"), e.getMessage());
    }

    @Test
    void missingEmptyAndBadBase64FilesFailConstructionWithTheirReason() throws Exception {
        assertThrows(KeyManagementException.class, () -> ring(dir.resolve("absent.keys")));
        assertTrue(assertThrows(KeyManagementException.class, () -> ring(keyFile(new byte[0]))).getMessage()
                .contains("holds no key"));
        Path shortLine = keyFile(base64Line(openssl("rand", "80")), "\r\n".getBytes(StandardCharsets.US_ASCII),
                base64Line(openssl("rand", "32")));
        assertTrue(assertThrows(KeyManagementException.class, () -> ring(shortLine)).getMessage()
                .contains("line 2 holds a 32-byte key"));
    }

    @Test
    void twoKeysWithOneNameAreRejected() throws Exception {
        byte[] key = openssl("rand", "80");
        byte[] sameName = key.clone();
        sameName[79] ^= 1;

        KeyManagementException e = assertThrows(KeyManagementException.class, () -> ring(keyFile(key, sameName)));

        assertTrue(e.getMessage().contains("keys 1 and 2 have the same name"), e.getMessage());
    }

    @Test
    void aMalformedReloadKeepsTheOldKeysAndSaysWhyUntilTheFileIsFixed() throws Exception {
        byte[] key = openssl("rand", "80");
        Path file = keyFile(key);
        FileTicketKeyRing ring = ring(file);
        TicketSealer sealer = new TicketSealer(crypto, ring, clock);
        byte[] ticket = sealer.seal(contents(established(5))).orElseThrow();

        Files.write(file, Arrays.copyOf(key, 79)); // a truncated copy
        clock.advance(RECHECK.toMillis());

        assertEquals(Bytes.of(Arrays.copyOf(key, 16)), ring.current().name());
        assertTrue(sealer.open(ticket).isPresent());
        String error = ring.lastReloadError().orElseThrow();
        assertTrue(error.contains(file + ": 79 bytes"), error);
        assertTrue(error.contains("keeping the 1 session ticket key(s) loaded before"), error);

        byte[] next = openssl("rand", "80");
        Files.write(file, concat(next, key));
        clock.advance(RECHECK.toMillis());
        assertEquals(Bytes.of(Arrays.copyOf(next, 16)), ring.current().name());
        assertEquals(Optional.empty(), ring.lastReloadError());
    }

    @Test
    void aKeyFileOthersOrTheGroupMayReadIsLoadedWithAWarning() throws Exception {
        Path file = keyFile(openssl("rand", "80"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        String warning = ring(file).permissionWarning().orElseThrow();
        assertTrue(warning.contains(file + " is readable by all users"), warning);

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertTrue(ring(file).permissionWarning().orElseThrow().contains("readable by its group"));

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertFalse(ring(file).permissionWarning().isPresent());
    }

    private FileTicketKeyRing ring(Path file) throws KeyManagementException {
        return new FileTicketKeyRing(file, crypto, clock, RECHECK);
    }

    /** Writes the keys, concatenated, into a fresh owner-only file. */
    private Path keyFile(byte[]... keys) throws IOException {
        Path file = Files.createTempFile(dir, "ticket", ".keys");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Files.write(file, concat(keys));
        return file;
    }

    /** A HAProxy key line as its documentation makes one: {@code openssl rand 80 | openssl base64 -A}. */
    private static byte[] base64Line(byte[] key) throws IOException, InterruptedException {
        return opensslWithInput(key, "base64", "-A");
    }

    /** The stdout of the real openssl command line, bounded in time. */
    private static byte[] openssl(String... args) throws IOException, InterruptedException {
        return opensslWithInput(new byte[0], args);
    }

    private static byte[] opensslWithInput(byte[] input, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = Tools.require("openssl", "openssl");
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (var stdin = p.getOutputStream()) {
            stdin.write(input);
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("openssl " + String.join(" ", args) + " did not finish");
        }
        assertEquals(0, p.exitValue(), "openssl " + String.join(" ", args));
        return out;
    }

    private static Bytes nameOf(byte[] ticket) {
        return Bytes.of(Arrays.copyOf(ticket, SessionTicketKey.NAME_LENGTH));
    }

    private static byte[] concat(byte[]... parts) {
        byte[] out = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
