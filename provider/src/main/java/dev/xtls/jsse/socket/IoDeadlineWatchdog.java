package dev.xtls.jsse.socket;

import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread, started with the first watched transport read or write, that looks every
 * {@value #TICK_MILLIS} ms at the watched transports and expires the blocking calls past their deadline. A
 * transport registers once, at its first call; each call then only marks itself in progress in its own fields, so
 * it allocates nothing and shares no lock (issue 13). Registrations are weak, so that a socket the application drops
 * without closing can still be collected (and its descriptor closed); the thread drops those and closed ones. A
 * deadline passes at most a tick late.
 */
final class IoDeadlineWatchdog {
    /** How often calls in progress are checked: the lateness allowed to a deadline of seconds. */
    static final long TICK_MILLIS = 100;

    /** A transport whose blocking call in progress, if any, ends itself (shutting down or closing) once overdue. */
    interface Watched {
        void expireIfOverdue(long now);

        /** True once the transport is closed: it needs no more watching. */
        boolean closed();
    }

    private static final Set<Reference<Watched>> WATCHED = ConcurrentHashMap.newKeySet();

    private IoDeadlineWatchdog() {
    }

    /** Watches {@code transport} from now until it is closed or collected; once per transport. */
    static void watch(Watched transport) {
        Checker.started();
        WATCHED.add(new WeakReference<>(transport));
    }

    private static void checkLoop() {
        while (true) {
            try {
                TimeUnit.MILLISECONDS.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                continue; // nobody may stop the only thread that frees blocked callers
            }
            long now = System.nanoTime();
            for (Iterator<Reference<Watched>> it = WATCHED.iterator(); it.hasNext(); ) {
                Watched w = it.next().get();
                if (w == null || w.closed()) {
                    it.remove();
                } else {
                    w.expireIfOverdue(now);
                }
            }
        }
    }

    /** Its initialisation, which the JVM runs once, starts the thread. */
    private static final class Checker {
        static {
            Thread t = new Thread(IoDeadlineWatchdog::checkLoop, "xtls-io-deadline");
            t.setDaemon(true);
            t.start();
        }

        static void started() {
            // initialising the class was the point
        }
    }
}
