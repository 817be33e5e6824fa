package dev.xtls.bench;

import dev.xtls.testing.TestPki;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.openjdk.jol.info.GraphLayout;

/**
 * What one idle connection pair of {@link Footprint} holds, by class (JOL): the objects reachable from one pair's
 * engines that neither the contexts nor two other pairs reach, so shared per-context data does not count. A server
 * cache entry reachable from the context is left out here; Footprint counts it.
 * {@code java -Djdk.attach.allowAttachSelf=true -cp benchmarks/target/benchmarks.jar dev.xtls.bench.FootprintBreakdown xtls}
 * On JDK 25 JOL also needs {@code -Djol.magicFieldOffset=true -XX:+EnableDynamicAgentLoading} (it fails on a record
 * class without them).
 */
public final class FootprintBreakdown {
    private static final String SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";

    private FootprintBreakdown() {
    }

    public static void main(String[] args) throws Exception {
        Impl impl = Impl.valueOf(args[0].toUpperCase(Locale.ROOT));
        TestPki pki = TestPki.create();
        SSLContext serverCtx = impl.context(pki, pki.ecdsaP256());
        SSLContext clientCtx = impl.context(pki, null);
        Pump pump = new Pump();
        SSLEngine[] engines = new SSLEngine[6];
        for (int i = 0; i < engines.length; i += 2) {
            engines[i] = impl.engine(clientCtx, true, SUITE, null);
            engines[i + 1] = impl.engine(serverCtx, false, SUITE, null);
            pump.handshake(engines[i], engines[i + 1], null);
            engines[i].getSession().invalidate(); // as Footprint: the next client makes a full handshake
        }
        GraphLayout clientAll = GraphLayout.parseInstance(engines[0]);
        GraphLayout serverAll = GraphLayout.parseInstance(engines[1]);
        // parsed last: what JOL's own walk added to shared objects (reflection caches of classes) is subtracted too
        GraphLayout others = GraphLayout.parseInstance(clientCtx, serverCtx, engines[2], engines[3], engines[4],
                engines[5]);
        GraphLayout client = clientAll.subtract(others);
        GraphLayout server = serverAll.subtract(others);
        System.out.println("impl=" + impl);
        System.out.println("clientBytes=" + client.totalSize());
        System.out.println("serverBytes=" + server.totalSize());
        System.out.println("-- client engine --");
        System.out.println(client.toFootprint());
        System.out.println("-- server engine --");
        System.out.println(server.toFootprint());
    }
}
