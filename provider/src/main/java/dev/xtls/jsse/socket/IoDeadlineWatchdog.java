package dev.xtls.jsse.socket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread, started with the first watched transport read or write, that looks every
 * {@value #TICK_MILLIS} ms at the blocking calls in progress and expires those past their deadline. A call costs an
 * add to and a remove from a concurrent set (no lock shared by all sockets, nothing allocated in a shared queue); a
 * deadline passes at most a tick late.
 */
final class IoDeadlineWatchdog {
    /** How often calls in progress are checked: the lateness allowed to a deadline of seconds. */
    static final long TICK_MILLIS = 100;

    /** A blocking call that ends itself (by shutting down or closing its transport) once past its deadline. */
    interface Watched {
        void expireIfOverdue(long now);
    }

    private static final Set<Watched> IN_PROGRESS = ConcurrentHashMap.newKeySet();

    private IoDeadlineWatchdog() {
    }

    static void watch(Watched call) {
        Checker.started();
        IN_PROGRESS.add(call);
    }

    static void unwatch(Watched call) {
        IN_PROGRESS.remove(call);
    }

    private static void checkLoop() {
        while (true) {
            try {
                TimeUnit.MILLISECONDS.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                continue; // nobody may stop the only thread that frees blocked callers
            }
            long now = System.nanoTime();
            for (Watched w : IN_PROGRESS) {
                w.expireIfOverdue(now);
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
