package dev.xtls.jsse.socket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread, started with the first socket write, that looks every {@value #TICK_MILLIS} ms at the writes in
 * progress and expires those past their deadline. A write costs an add to and a remove from a concurrent set (no
 * lock shared by all sockets, nothing allocated in a shared queue); a deadline passes at most a tick late.
 */
final class WriteWatchdog {
    /** How often writes in progress are checked: the lateness allowed to a deadline of seconds. */
    static final long TICK_MILLIS = 100;

    private static final Set<DeadlineOutputStream> WRITING = ConcurrentHashMap.newKeySet();

    private WriteWatchdog() {
    }

    static void watch(DeadlineOutputStream writer) {
        Checker.started();
        WRITING.add(writer);
    }

    static void unwatch(DeadlineOutputStream writer) {
        WRITING.remove(writer);
    }

    private static void checkLoop() {
        while (true) {
            try {
                TimeUnit.MILLISECONDS.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                continue; // nobody may stop the only thread that frees blocked writers
            }
            long now = System.nanoTime();
            for (DeadlineOutputStream w : WRITING) {
                w.expireIfOverdue(now);
            }
        }
    }

    /** Its initialisation, which the JVM runs once, starts the thread. */
    private static final class Checker {
        static {
            Thread t = new Thread(WriteWatchdog::checkLoop, "xtls-write-deadline");
            t.setDaemon(true);
            t.start();
        }

        static void started() {
            // initialising the class was the point
        }
    }
}
