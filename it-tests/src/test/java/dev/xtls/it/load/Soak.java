package dev.xtls.it.load;

import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;

/**
 * The soak (README "Reliability"; not CI): for {@code -Dsoak.minutes} (default 5) client threads loop over every
 * {@link SoakConnection} kind against one Xtls {@link PooledTlsServer} ("TLS": 1.3 and 1.2), both sides Xtls. Used
 * heap after GC (session caches capped at {@value #SESSION_CACHE}) is sampled every {@code -Dsoak.sampleSeconds} (default 15); after the first fifth (warm-up) the
 * least-squares slope is printed. Exits 1 on any error or when heap grew by more than {@value #MAX_GROWTH_MIB} MiB
 * from the first samples after warm-up to the last ones.
 */
public final class Soak {
    private static final long MAX_GROWTH_MIB = 16;
    private static final int CLIENT_THREADS = 4;
    /** Every session cache is capped, so that a cache filling up (by default 20,000) does not look like a leak. */
    private static final int SESSION_CACHE = 100;

    private final TestPki pki = TestPki.create();
    private final Map<SoakConnection, AtomicLong> done = new ConcurrentHashMap<>();
    private final Map<SoakConnection, AtomicLong> resumed = new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    private Soak() {
        for (SoakConnection k : SoakConnection.values()) {
            done.put(k, new AtomicLong());
            resumed.put(k, new AtomicLong());
        }
    }

    public static void main(String[] args) throws Exception {
        long minutes = Long.getLong("soak.minutes", 5);
        long sampleSeconds = Long.getLong("soak.sampleSeconds", 15);
        System.exit(new Soak().run(TimeUnit.MINUTES.toNanos(minutes), sampleSeconds) ? 0 : 1);
    }

    private boolean run(long durationNanos, long sampleSeconds) throws Exception {
        long start = System.nanoTime();
        long end = start + durationNanos;
        List<double[]> samples = new ArrayList<>(); // {seconds, MiB}
        List<String> serverFailures;
        SSLContext serverContext = Peer.XTLS.context(Peer.TLS, pki, pki.ecdsaP256());
        serverContext.getServerSessionContext().setSessionCacheSize(SESSION_CACHE);
        try (PooledTlsServer server = PooledTlsServer.start(serverContext, CLIENT_THREADS * 2)) {
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < CLIENT_THREADS; i++) {
                Thread t = new Thread(() -> loop(server.port(), end), "soak-client-" + i);
                t.start();
                clients.add(t);
            }
            while (System.nanoTime() < end && errors.isEmpty()) {
                Thread.sleep(Math.min(TimeUnit.SECONDS.toMillis(sampleSeconds),
                        Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
                double mib = HeapProbe.usedAfterGc() / 1048576.0;
                double seconds = (System.nanoTime() - start) / 1e9;
                samples.add(new double[] {seconds, mib});
                System.out.printf("t=%5.0f s heap=%6.1f MiB connections=%s%n", seconds, mib, counts(done));
            }
            for (Thread t : clients) {
                t.join(120_000);
            }
            serverFailures = server.failures();
        }
        return report(samples, serverFailures);
    }

    /** One client thread: every kind in turn, each with its own context, until {@code end} or the first error. */
    private void loop(int port, long end) {
        Map<SoakConnection, SSLContext> contexts = new EnumMap<>(SoakConnection.class);
        Map<SoakConnection, SSLSession> previous = new EnumMap<>(SoakConnection.class);
        for (SoakConnection k : SoakConnection.values()) {
            SSLContext ctx = k.clientContext(pki);
            ctx.getClientSessionContext().setSessionCacheSize(SESSION_CACHE);
            contexts.put(k, ctx);
        }
        while (System.nanoTime() < end && errors.isEmpty()) {
            for (SoakConnection k : SoakConnection.values()) {
                try {
                    SSLSession session = k.run(contexts.get(k), port);
                    if (SoakConnection.resumed(previous.put(k, session), session)) {
                        resumed.get(k).incrementAndGet();
                    }
                    done.get(k).incrementAndGet();
                } catch (Exception e) {
                    errors.add(k + ": " + e);
                    return;
                }
            }
        }
    }

    private boolean report(List<double[]> samples, List<String> serverFailures) {
        List<double[]> steady = samples.subList(samples.size() / 5, samples.size());
        int n = Math.min(3, steady.size());
        double first = steady.subList(0, n).stream().mapToDouble(s -> s[1]).average().orElse(0);
        double last = steady.subList(steady.size() - n, steady.size()).stream().mapToDouble(s -> s[1]).average()
                .orElse(0);
        System.out.printf("connections: %s; resumed: %s%n", counts(done), counts(resumed));
        System.out.printf("heap after warm-up: %.1f MiB -> %.1f MiB, slope %.2f MiB/min over %d samples%n", first,
                last, slopePerMinute(steady), steady.size());
        errors.forEach(e -> System.out.println("client error: " + e));
        serverFailures.forEach(e -> System.out.println("server failure: " + e));
        boolean ok = errors.isEmpty() && serverFailures.isEmpty() && steady.size() >= 2
                && last - first <= MAX_GROWTH_MIB;
        System.out.println(ok ? "SOAK OK" : "SOAK FAILED (errors, too few samples or heap grew > " + MAX_GROWTH_MIB
                + " MiB)");
        return ok;
    }

    /** Least-squares slope of heap over time, in MiB per minute. */
    private static double slopePerMinute(List<double[]> samples) {
        double mx = samples.stream().mapToDouble(s -> s[0]).average().orElse(0);
        double my = samples.stream().mapToDouble(s -> s[1]).average().orElse(0);
        double num = 0;
        double den = 0;
        for (double[] s : samples) {
            num += (s[0] - mx) * (s[1] - my);
            den += (s[0] - mx) * (s[0] - mx);
        }
        return den == 0 ? 0 : num / den * 60;
    }

    private static String counts(Map<SoakConnection, AtomicLong> m) {
        StringBuilder b = new StringBuilder();
        for (SoakConnection k : SoakConnection.values()) {
            b.append(b.isEmpty() ? "" : " ").append(k).append('=').append(m.get(k).get());
        }
        return b.toString();
    }
}
