package dev.xtls.it.load;

import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.stream.Collectors;

/** Used heap after garbage collection, and the live threads, of this JVM. */
final class HeapProbe {
    private static final int GC_ROUNDS = 3;

    private HeapProbe() {
    }

    /** Bytes of heap in use after {@value #GC_ROUNDS} full collections (with a pause for finalisers/cleaners). */
    static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < GC_ROUNDS; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The JDK's own thread that waits for child processes: started on first use, kept by the JDK. */
    private static final String PROCESS_REAPER = "process reaper";

    /** The threads alive now, but the JDK's {@value #PROCESS_REAPER}. */
    static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.getName().equals(PROCESS_REAPER)).collect(Collectors.toSet());
    }

    /**
     * The threads alive now that were not in {@code before}, after giving them up to 15 s to end (pools shut down
     * asynchronously); empty when none is left.
     */
    static Set<String> threadsLeftSince(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        Set<Thread> left = Set.of();
        do {
            left = liveThreads().stream().filter(t -> !before.contains(t)).collect(Collectors.toSet());
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return left.stream().map(Thread::getName).collect(Collectors.toSet());
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }
}
