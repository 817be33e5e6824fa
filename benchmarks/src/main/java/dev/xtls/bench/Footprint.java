package dev.xtls.bench;

import dev.xtls.testing.TestPki;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * Memory, measured outside JMH in a JVM of its own per implementation (run it with -XX:+UseSerialGC, whose full
 * collection leaves exactly the live objects):
 * <ul>
 *   <li>retained heap per established idle connection: N engine pairs (TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
 *       ECDSA P-256, default groups) held after their handshakes, the used heap after full GCs before and after,
 *       divided by N. The pump's buffers are shared and not counted. Each client session is invalidated after its
 *       handshake (so that every connection is a full one, as Xtls cannot resume yet); the server's session cache
 *       keeps its entry, as a server would, and what stays after the engines are dropped is reported apart;</li>
 *   <li>bytes allocated per 16 KiB record in steady state, seal side and open side apart (the thread's allocation
 *       counter around each wrap and each unwrap, after warm-up); JMH's -prof gc gives both ends together.</li>
 * </ul>
 * Java heap only: Conscrypt keeps its BoringSSL state in native memory, which this does not see.
 * Prints {@code key=value} lines.
 */
public final class Footprint {
    private static final String SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";

    private Footprint() {
    }

    public static void main(String[] args) throws Exception {
        Impl impl = Impl.valueOf(args[0].toUpperCase(Locale.ROOT));
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        TestPki pki = TestPki.create();
        SSLContext serverCtx = impl.context(pki, pki.ecdsaP256());
        SSLContext clientCtx = impl.context(pki, null);
        Pump pump = new Pump();

        // warm up: classes, caches, JIT
        for (int i = 0; i < 300; i++) {
            SSLEngine c = impl.engine(clientCtx, true, SUITE, null);
            SSLEngine s = impl.engine(serverCtx, false, SUITE, null);
            pump.handshake(c, s, null);
            c.getSession().invalidate();
            s.getSession().invalidate();
            pump.close(c, s);
        }
        long[] perRecord = allocationPerRecord(impl, clientCtx, serverCtx, pump);

        long base = usedAfterGc();
        long held = holdConnections(impl, clientCtx, serverCtx, pump, n);
        long dropped = usedAfterGc();

        System.out.println("impl=" + impl);
        System.out.println("pairs=" + n);
        System.out.println("retainedPerPair=" + (held - base) / n);
        System.out.println("cachePerPair=" + (dropped - base) / n);
        System.out.println("sealAllocPerRecord=" + perRecord[0]);
        System.out.println("openAllocPerRecord=" + perRecord[1]);
    }

    /** Establishes {@code n} full connections and returns the used heap after GC while all are held. */
    private static long holdConnections(Impl impl, SSLContext clientCtx, SSLContext serverCtx, Pump pump, int n)
            throws Exception {
        SSLEngine[] engines = new SSLEngine[2 * n];
        for (int i = 0; i < n; i++) {
            SSLEngine c = impl.engine(clientCtx, true, SUITE, null);
            SSLEngine s = impl.engine(serverCtx, false, SUITE, null);
            pump.handshake(c, s, null);
            c.getSession().invalidate(); // else the next client resumes: every connection here is a full one
            engines[2 * i] = c;
            engines[2 * i + 1] = s;
        }
        long held = usedAfterGc();
        String pause = System.getProperty("footprint.pause"); // milliseconds to wait here, e.g. for jmap -histo
        if (pause != null) {
            System.out.println("pid=" + ProcessHandle.current().pid() + ": holding " + n + " connections");
            Thread.sleep(Long.parseLong(pause));
        }
        for (SSLEngine e : engines) {
            if (e.isOutboundDone()) { // keeps the engines reachable up to here
                throw new IllegalStateException("an idle engine was closed");
            }
        }
        return held;
    }

    /** {seal side, open side} bytes allocated per 16 KiB record, after warm-up. */
    private static long[] allocationPerRecord(Impl impl, SSLContext clientCtx, SSLContext serverCtx, Pump pump)
            throws SSLException {
        SSLEngine client = impl.engine(clientCtx, true, SUITE, null);
        SSLEngine server = impl.engine(serverCtx, false, SUITE, null);
        pump.handshake(client, server, null);
        client.getSession().invalidate();
        byte[] data = new byte[16384];
        new Random(1).nextBytes(data);
        ByteBuffer src = ByteBuffer.wrap(data);
        ByteBuffer net = ByteBuffer.allocate(1 << 16);
        ByteBuffer dst = ByteBuffer.allocate(1 << 16);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long seal = 0;
        long open = 0;
        int warm = 30_000;
        int measured = 10_000;
        for (int i = 0; i < warm + measured; i++) {
            src.clear();
            net.clear();
            dst.clear();
            long t0 = threads.getCurrentThreadAllocatedBytes();
            while (src.hasRemaining()) {
                check(client.wrap(src, net));
            }
            long t1 = threads.getCurrentThreadAllocatedBytes();
            net.flip();
            while (net.hasRemaining()) {
                check(server.unwrap(net, dst));
            }
            long t2 = threads.getCurrentThreadAllocatedBytes();
            if (i >= warm) {
                seal += t1 - t0;
                open += t2 - t1;
            }
        }
        pump.close(client, server);
        return new long[] {seal / measured, open / measured};
    }

    private static void check(SSLEngineResult r) throws SSLException {
        if (r.getStatus() != SSLEngineResult.Status.OK) {
            throw new SSLException(r.toString());
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
