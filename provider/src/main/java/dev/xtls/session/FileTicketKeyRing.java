package dev.xtls.session;

import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.TlsCrypto;
import dev.xtls.crypto.TranscriptHash;
import dev.xtls.wire.Bytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyManagementException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Ticket keys shared by a fleet through a key file ({@link TicketKeyFile} formats): the first key seals, all keys
 * open. On use, at most once per recheck interval (injected clock), the file is read again and, when its content
 * changed, reloaded; keys no longer in it are destroyed. A reload that fails keeps the keys in use and says why,
 * through a System.Logger warning and {@link #lastReloadError()}. A key file that group or others may read is
 * accepted with a warning ({@link #permissionWarning()}).
 */
public final class FileTicketKeyRing implements TicketKeyRing {
    private static final System.Logger LOG = System.getLogger(FileTicketKeyRing.class.getName());

    private final Path file;
    private final TlsCrypto crypto;
    private final LongSupplier clockMillis;
    private final long recheckMillis;
    // written under this; keys and checkedAtMillis read without a lock between rechecks
    private volatile List<SessionTicketKey> keys;
    private volatile long checkedAtMillis;
    private byte[] fingerprint;
    private String lastReloadError;
    private String permissionWarning;

    /** Loads the file now: an unreadable or malformed file fails here, naming the file and what was expected. */
    public FileTicketKeyRing(Path file, TlsCrypto crypto, LongSupplier clockMillis, Duration recheckInterval)
            throws KeyManagementException {
        this.file = Objects.requireNonNull(file, "file");
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
        this.recheckMillis = recheckInterval.toMillis();
        byte[] content = null;
        try {
            content = read();
            this.keys = TicketKeyFile.parse(file.toString(), content, crypto);
            this.fingerprint = fingerprint(content);
        } catch (IOException e) {
            throw new KeyManagementException("cannot read the session ticket key file " + file + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw new KeyManagementException(e.getMessage(), e);
        } finally {
            wipe(content);
        }
        this.checkedAtMillis = clockMillis.getAsLong();
        checkPermissions();
    }

    @Override
    public SessionTicketKey current() {
        return keysNow().get(0);
    }

    @Override
    public Optional<SessionTicketKey> find(Bytes name) {
        for (SessionTicketKey k : keysNow()) {
            if (k.name().equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** Between rechecks a volatile read: every ticket sealed or opened asks, so no lock shared by connections. */
    private List<SessionTicketKey> keysNow() {
        if (clockMillis.getAsLong() - checkedAtMillis >= recheckMillis) {
            synchronized (this) {
                reloadIfDue();
            }
        }
        return keys;
    }

    /** Why the last reload failed (the keys loaded before stay in use); empty after a good load. */
    public synchronized Optional<String> lastReloadError() {
        return Optional.ofNullable(lastReloadError);
    }

    /** Set when the key file as last loaded is readable by group or others (POSIX permissions). */
    public synchronized Optional<String> permissionWarning() {
        return Optional.ofNullable(permissionWarning);
    }

    private void reloadIfDue() {
        long now = clockMillis.getAsLong();
        if (now - checkedAtMillis < recheckMillis) {
            return;
        }
        checkedAtMillis = now;
        byte[] content = null;
        try {
            content = read();
            byte[] newFingerprint = fingerprint(content);
            // content, not mtime/size: a same-size rewrite within the mtime granularity, or mv -p, would be missed
            if (MessageDigest.isEqual(newFingerprint, fingerprint)) {
                return;
            }
            install(TicketKeyFile.parse(file.toString(), content, crypto));
            fingerprint = newFingerprint;
            lastReloadError = null;
            checkPermissions();
        } catch (IOException | IllegalArgumentException e) {
            String why = (e instanceof IOException ? "cannot read " + file + ": " + e : e.getMessage())
                    + "; keeping the " + keys.size() + " session ticket key(s) loaded before";
            if (!why.equals(lastReloadError)) {
                LOG.log(System.Logger.Level.WARNING, why);
            }
            lastReloadError = why;
        } finally {
            wipe(content);
        }
    }

    /** Keeps the objects of keys that stay (a ticket being sealed with one goes on); destroys those that left. */
    private void install(List<SessionTicketKey> loaded) {
        List<SessionTicketKey> next = new ArrayList<>(loaded.size());
        for (SessionTicketKey key : loaded) {
            SessionTicketKey kept = keys.stream().filter(old -> old.sameAs(key)).findFirst().orElse(null);
            if (kept != null) {
                key.destroy();
                next.add(kept);
            } else {
                next.add(key);
            }
        }
        for (SessionTicketKey old : keys) {
            if (!next.contains(old)) {
                old.destroy();
            }
        }
        keys = List.copyOf(next);
    }

    private byte[] read() throws IOException {
        long size = Files.size(file);
        if (size > TicketKeyFile.MAX_FILE_LENGTH) {
            throw new IllegalArgumentException(file + ": " + size + " bytes is too large for a ticket key file (at "
                    + "most " + TicketKeyFile.MAX_FILE_LENGTH + ")");
        }
        return Files.readAllBytes(file);
    }

    private byte[] fingerprint(byte[] content) {
        TranscriptHash hash = crypto.newTranscriptHash(HashAlgorithm.SHA256);
        hash.update(content);
        return hash.current();
    }

    private void checkPermissions() {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException e) {
            return; // not a POSIX file system: nothing to check
        }
        if (permissions.contains(PosixFilePermission.GROUP_READ)
                || permissions.contains(PosixFilePermission.OTHERS_READ)) {
            permissionWarning = "the session ticket key file " + file + " is readable by "
                    + (permissions.contains(PosixFilePermission.OTHERS_READ) ? "all users" : "its group")
                    + "; whoever reads it can decrypt recorded TLS sessions resumed with its keys (chmod 600 it)";
            LOG.log(System.Logger.Level.WARNING, permissionWarning);
        } else {
            permissionWarning = null;
        }
    }

    private static void wipe(byte[] b) {
        if (b != null) {
            Arrays.fill(b, (byte) 0);
        }
    }
}
