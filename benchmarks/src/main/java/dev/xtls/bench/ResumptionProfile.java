package dev.xtls.bench;

import dev.xtls.testing.TestPki;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * A TLS 1.2 resumption loop (by session ID) to run under a profiler, outside JMH: in-memory engine pair, the
 * contexts' default groups, the key manager {@link Impl} gives (the JDK's PKIX for Xtls and SunJSSE). Run it with
 * {@code -XX:StartFlightRecording=filename=x.jfr,settings=profile} and {@code -Djdk.tls.client.
 * enableSessionTicketExtension=false -Djdk.tls.server.enableSessionTicketExtension=false}. Arguments: the
 * implementations, comma-separated (sun, bc, xtls), and seconds (default 20). With several, they take turns in
 * half-second slices, so that a machine's changing load affects each alike; prints resumptions/s for each.
 */
public final class ResumptionProfile {
    private static final String SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static final long SLICE_NANOS = 500_000_000L;

    private ResumptionProfile() {
    }

    public static void main(String[] args) throws Exception {
        String[] names = args[0].split(",");
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 20;
        TestPki pki = TestPki.create();
        Loop[] loops = new Loop[names.length];
        for (int i = 0; i < names.length; i++) {
            loops[i] = new Loop(Impl.valueOf(names[i].toUpperCase(Locale.ROOT)), pki);
        }
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (Loop loop : loops) {
                loop.run(SLICE_NANOS);
            }
        }
        for (Loop loop : loops) {
            System.out.printf(Locale.ROOT, "impl=%s resumptions=%d perSecond=%.0f%n", loop.impl, loop.count,
                    loop.count / (loop.nanos / 1e9));
        }
    }

    /** One implementation's contexts, primed with a full handshake, and its running totals. */
    private static final class Loop {
        final Impl impl;
        final SSLContext serverCtx;
        final SSLContext clientCtx;
        final Pump pump = new Pump();
        long count;
        long nanos;

        Loop(Impl impl, TestPki pki) throws Exception {
            this.impl = impl;
            serverCtx = impl.context(pki, pki.ecdsaP256());
            clientCtx = impl.context(pki, null);
            pump.handshake(impl.engine(clientCtx, true, SUITE, null), impl.engine(serverCtx, false, SUITE, null),
                    null);
        }

        void run(long sliceNanos) throws Exception {
            long start = System.nanoTime();
            long stop = start + sliceNanos;
            while (System.nanoTime() < stop) {
                SSLEngine c = impl.engine(clientCtx, true, SUITE, null);
                SSLEngine s = impl.engine(serverCtx, false, SUITE, null);
                pump.resumed(c, s, ResumedBy.ID);
                pump.close(c, s);
                count++;
            }
            nanos += System.nanoTime() - start;
        }
    }
}
