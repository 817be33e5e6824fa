package dev.xtls.bench;

import dev.xtls.testing.TestPki;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * A TLS 1.2 resumption loop (by session ID) to run under a profiler, outside JMH: in-memory engine pair, the
 * context's default groups, the key manager {@link Impl} gives (the JDK's PKIX for Xtls and SunJSSE). Run it with
 * {@code -XX:StartFlightRecording=filename=x.jfr,settings=profile} and {@code -Djdk.tls.client.
 * enableSessionTicketExtension=false -Djdk.tls.server.enableSessionTicketExtension=false}; prints resumptions/s.
 * Arguments: impl (sun, bc, xtls), seconds (default 20).
 */
public final class ResumptionProfile {
    private static final String SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";

    private ResumptionProfile() {
    }

    public static void main(String[] args) throws Exception {
        Impl impl = Impl.valueOf(args[0].toUpperCase(Locale.ROOT));
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 20;
        TestPki pki = TestPki.create();
        SSLContext serverCtx = impl.context(pki, pki.ecdsaP256());
        SSLContext clientCtx = impl.context(pki, null);
        Pump pump = new Pump();
        pump.handshake(impl.engine(clientCtx, true, SUITE, null), impl.engine(serverCtx, false, SUITE, null), null);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        long count = 0;
        while (System.nanoTime() < end) {
            SSLEngine c = impl.engine(clientCtx, true, SUITE, null);
            SSLEngine s = impl.engine(serverCtx, false, SUITE, null);
            pump.resumed(c, s, ResumedBy.ID);
            pump.close(c, s);
            count++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "impl=%s resumptions=%d perSecond=%.0f%n", impl, count, count / elapsed);
    }
}
