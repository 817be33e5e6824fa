package dev.xtls.session;

import dev.xtls.wire.Bytes;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The default ring: random keys that live only in this JVM. A new key becomes current every rotation interval; a
 * retired key still opens tickets until the ticket lifetime has passed since it stopped sealing (no ticket it
 * sealed can be valid later), then it is destroyed. No thread: rotation happens on use, by the injected clock.
 */
public final class RotatingTicketKeyRing implements TicketKeyRing {
    /** Default rotation interval when the lifetime is long: an hour of tickets at most is exposed by one key. */
    public static final Duration DEFAULT_ROTATION = Duration.ofHours(1);

    private final SecureRandom random;
    private final LongSupplier clockMillis;
    private final long rotationMillis;
    private final long lifetimeMillis;
    private final Deque<Entry> keys = new ArrayDeque<>(); // newest (current) first; guarded by this
    private volatile Snapshot snapshot = new Snapshot(List.of(), Long.MIN_VALUE); // what readers use until dueMillis

    /** The keys as of the last maintenance, and when the next one is due (a rotation or a retired key's end). */
    private record Snapshot(List<SessionTicketKey> keys, long dueMillis) {
    }

    /** @param retiredAtMillis when the key stopped sealing; Long.MAX_VALUE while it is current */
    private record Entry(SessionTicketKey key, long sinceMillis, long retiredAtMillis) {
    }

    public RotatingTicketKeyRing(SecureRandom random, LongSupplier clockMillis, Duration rotationInterval,
            Duration ticketLifetime) {
        this.random = Objects.requireNonNull(random, "random");
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
        if (rotationInterval.isNegative() || rotationInterval.isZero() || ticketLifetime.isNegative()
                || ticketLifetime.isZero()) {
            throw new IllegalArgumentException("rotation interval and ticket lifetime must be positive, got "
                    + rotationInterval + " and " + ticketLifetime);
        }
        this.rotationMillis = rotationInterval.toMillis();
        this.lifetimeMillis = ticketLifetime.toMillis();
    }

    /** Rotates every half lifetime, at most every {@link #DEFAULT_ROTATION}. */
    public static RotatingTicketKeyRing forLifetime(SecureRandom random, LongSupplier clockMillis,
            Duration ticketLifetime) {
        Duration half = ticketLifetime.dividedBy(2);
        Duration rotation = half.compareTo(DEFAULT_ROTATION) < 0 ? half : DEFAULT_ROTATION;
        return new RotatingTicketKeyRing(random, clockMillis, rotation.isZero() ? ticketLifetime : rotation,
                ticketLifetime);
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

    /** Until the next rotation or expiry a volatile read: every ticket asks, so no lock shared by connections. */
    private List<SessionTicketKey> keysNow() {
        long now = clockMillis.getAsLong();
        Snapshot s = snapshot;
        if (now < s.dueMillis()) {
            return s.keys();
        }
        synchronized (this) {
            maintain(now);
            long due = keys.getFirst().sinceMillis() + rotationMillis;
            for (Entry e : keys) {
                if (e.retiredAtMillis() != Long.MAX_VALUE) {
                    due = Math.min(due, e.retiredAtMillis() + lifetimeMillis);
                }
            }
            s = new Snapshot(keys.stream().map(Entry::key).toList(), due);
            snapshot = s;
            return s.keys();
        }
    }

    private void maintain(long now) {
        Entry current = keys.peekFirst();
        if (current == null || now - current.sinceMillis() >= rotationMillis) {
            if (current != null) {
                keys.removeFirst();
                keys.addFirst(new Entry(current.key(), current.sinceMillis(), now));
            }
            keys.addFirst(new Entry(SessionTicketKey.random(random), now, Long.MAX_VALUE));
        }
        for (Iterator<Entry> it = keys.descendingIterator(); it.hasNext(); ) {
            Entry oldest = it.next();
            if (oldest.retiredAtMillis() == Long.MAX_VALUE || now - oldest.retiredAtMillis() < lifetimeMillis) {
                break;
            }
            it.remove();
            oldest.key().destroy();
        }
    }
}
