package dev.xtls.session;

import static dev.xtls.session.TicketSessions.CREATED;
import static dev.xtls.session.TicketSessions.established;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.crypto.jca.JcaTlsCrypto;
import dev.xtls.session.TicketSessions.ManualClock;
import dev.xtls.wire.Bytes;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RotatingTicketKeyRingTest {
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private final ManualClock clock = new ManualClock(CREATED);
    private final RotatingTicketKeyRing ring = new RotatingTicketKeyRing(new SecureRandom(), clock,
            Duration.ofHours(1), Duration.ofHours(2));
    /** Tickets whose own lifetime outlasts the keys, so only the ring decides whether they open. */
    private final TicketContents longLived = new TicketContents(established(3), Duration.ofDays(1).toSeconds());
    private final TicketSealer sealer = new TicketSealer(new JcaTlsCrypto(new SecureRandom()), ring, clock);

    @Test
    void theSameKeySealsUntilTheRotationInterval() {
        SessionTicketKey first = ring.current();
        clock.advance(HOUR - 1);
        assertSame(first, ring.current());
        clock.advance(1);
        SessionTicketKey second = ring.current();
        assertNotEquals(first.name(), second.name());
        assertSame(second, ring.current());
    }

    @Test
    void aRetiredKeyOpensItsTicketsUntilTheLifetimeHasPassedSinceItStoppedSealingThenIsDestroyed() {
        SessionTicketKey first = ring.current();
        byte[] oldTicket = sealer.seal(longLived).orElseThrow();

        clock.advance(HOUR); // rotation: first retires now
        byte[] newTicket = sealer.seal(longLived).orElseThrow();
        assertEquals(ring.current().name(), nameOf(newTicket));
        assertNotEquals(first.name(), nameOf(newTicket));

        clock.advance(2 * HOUR - 1); // interval + lifetime - 1 ms after the first key was made
        assertTrue(sealer.open(oldTicket).isPresent());
        assertFalse(first.isDestroyed());

        clock.advance(1);
        assertEquals(Optional.empty(), sealer.open(oldTicket));
        assertEquals(Optional.empty(), ring.find(first.name()));
        assertTrue(first.isDestroyed());
        assertTrue(sealer.open(newTicket).isPresent());
    }

    @Test
    void aRingUnusedForLongRotatesOnItsNextUseAndKeepsTheOldKeyForALifetimeFromThen() {
        SessionTicketKey first = ring.current();
        byte[] oldTicket = sealer.seal(longLived).orElseThrow();

        clock.advance(10 * HOUR);
        assertNotEquals(first.name(), ring.current().name());
        clock.advance(2 * HOUR - 1);
        assertTrue(sealer.open(oldTicket).isPresent());
        clock.advance(1);
        assertEquals(Optional.empty(), sealer.open(oldTicket));
    }

    @Test
    void aClockThatGoesBackDoesNotRotate() {
        SessionTicketKey first = ring.current();
        clock.advance(-5 * HOUR);
        assertSame(first, ring.current());
    }

    @Test
    void forLifetimeRotatesEveryHalfLifetimeButAtLeastHourly() {
        ManualClock c = new ManualClock(0);
        RotatingTicketKeyRing shortLived = RotatingTicketKeyRing.forLifetime(new SecureRandom(), c,
                Duration.ofMinutes(30));
        SessionTicketKey first = shortLived.current();
        c.set(Duration.ofMinutes(15).toMillis() - 1);
        assertSame(first, shortLived.current());
        c.set(Duration.ofMinutes(15).toMillis());
        assertNotEquals(first.name(), shortLived.current().name());

        RotatingTicketKeyRing dayLong = RotatingTicketKeyRing.forLifetime(new SecureRandom(), c, Duration.ofDays(1));
        SessionTicketKey daily = dayLong.current();
        c.advance(HOUR);
        assertNotEquals(daily.name(), dayLong.current().name());
    }

    @Test
    void rejectsNonPositiveDurations() {
        assertThrows(IllegalArgumentException.class, () -> new RotatingTicketKeyRing(new SecureRandom(), clock,
                Duration.ZERO, Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> new RotatingTicketKeyRing(new SecureRandom(), clock,
                Duration.ofHours(1), Duration.ofSeconds(-1)));
    }

    private static Bytes nameOf(byte[] ticket) {
        return Bytes.of(Arrays.copyOf(ticket, SessionTicketKey.NAME_LENGTH));
    }
}
