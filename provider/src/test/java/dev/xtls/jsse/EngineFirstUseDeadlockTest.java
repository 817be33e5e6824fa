package dev.xtls.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.Test;

/**
 * The first wrap and the first unwrap of a server engine race on two threads while the key manager, called from
 * inside unwrap, asks the engine for its SSLParameters (as the JDK's managers do through SSLAlgorithmConstraints).
 * Neither may wait for the other: the engine must not call into the connection while holding its own monitor.
 */
class EngineFirstUseDeadlockTest {
    private static final int ROUNDS = 10_000;
    private static final long ROUND_TIMEOUT_SECONDS = 20;

    @Test
    void firstWrapAndUnwrapOnTwoThreadsNeverDeadlockWithAKeyManagerThatCallsBack() throws Exception {
        TestPki pki = TestPki.create();
        CallingBackKeyManager keyManager = new CallingBackKeyManager(pki.keyManager(pki.ecdsaP256()));
        SSLContext server = SSLContext.getInstance(Peer.TLS12, Peer.XTLS.provider());
        server.init(new KeyManager[] {keyManager}, new TrustManager[] {pki.trustManager()}, new SecureRandom());
        byte[] clientHello = clientHello(Peer.SUN.context(pki));
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "first-use-race");
            t.setDaemon(true); // a deadlocked pair must not keep the test JVM alive
            return t;
        });
        try {
            for (int round = 0; round < ROUNDS; round++) {
                SSLEngine engine = Peer.engine(server, Role.SERVER);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<SSLEngineResult> wrap = threads.submit(() -> {
                    start.await();
                    return engine.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(engine.getSession()
                            .getPacketBufferSize()));
                });
                Future<SSLEngineResult> unwrap = threads.submit(() -> {
                    start.await();
                    return engine.unwrap(ByteBuffer.wrap(clientHello), ByteBuffer.allocate(engine.getSession()
                            .getApplicationBufferSize()));
                });
                await(wrap, round);
                SSLEngineResult read = await(unwrap, round);
                assertEquals(clientHello.length, read.bytesConsumed(), "the ClientHello is read whole");
            }
        } finally {
            threads.shutdownNow();
        }
        assertTrue(keyManager.calls.get() >= ROUNDS, "the key manager chose a certificate in every round");
    }

    @Test
    void theContextsRandomSourceRunsWithoutTheEngineMonitorHeld() throws Exception {
        TestPki pki = TestPki.create();
        ExecutorService other = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "first-use-race-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            AtomicReference<SSLEngine> engine = new AtomicReference<>();
            List<Boolean> readWhileRandomRan = new CopyOnWriteArrayList<>();
            // a user SecureRandom (an HSM's, say) that needs another thread to read the engine's settings
            SecureRandom random = new SecureRandom() {
                @Override
                public void nextBytes(byte[] bytes) {
                    SSLEngine e = engine.get();
                    if (e != null && readWhileRandomRan.isEmpty()) {
                        Future<SSLParameters> read = other.submit(e::getSSLParameters);
                        try {
                            read.get(ROUND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                            readWhileRandomRan.add(true);
                        } catch (TimeoutException | InterruptedException | ExecutionException x) {
                            readWhileRandomRan.add(false);
                        }
                    }
                    super.nextBytes(bytes);
                }
            };
            SSLContext client = SSLContext.getInstance(Peer.TLS12, Peer.XTLS.provider());
            client.init(null, new TrustManager[] {pki.trustManager()}, random);
            engine.set(Peer.engine(client, Role.CLIENT));
            engine.get().wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(engine.get().getSession()
                    .getPacketBufferSize()));
            assertEquals(List.of(true), readWhileRandomRan,
                    "getSSLParameters on another thread returned while the ClientHello's random was drawn");
        } finally {
            other.shutdownNow();
        }
    }

    private static SSLEngineResult await(Future<SSLEngineResult> f, int round) throws Exception {
        try {
            return f.get(ROUND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("round " + round + " did not finish in " + ROUND_TIMEOUT_SECONDS
                    + " s (deadlock?)\n" + threadDump());
        }
    }

    private static String threadDump() {
        ThreadInfo[] infos = ManagementFactory.getThreadMXBean().dumpAllThreads(true, true);
        return Arrays.stream(infos).filter(i -> i.getThreadName().startsWith("first-use-race"))
                .map(i -> i + Arrays.stream(i.getStackTrace()).limit(40).map(f -> "\tat " + f)
                        .collect(Collectors.joining("\n")))
                .collect(Collectors.joining("\n"));
    }

    /** A SunJSSE client's ClientHello record, replayed to every server engine. */
    private static byte[] clientHello(SSLContext client) throws Exception {
        SSLEngine e = Peer.engine(client, Role.CLIENT, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        ByteBuffer out = ByteBuffer.allocate(e.getSession().getPacketBufferSize());
        e.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] b = new byte[out.remaining()];
        out.get(b);
        return b;
    }

    /** Chooses as its delegate does, after reading the engine's SSLParameters as the JDK's key managers do. */
    private static final class CallingBackKeyManager extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager delegate;
        private final AtomicInteger calls = new AtomicInteger();

        CallingBackKeyManager(X509ExtendedKeyManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            engine.getSSLParameters();
            calls.incrementAndGet();
            return delegate.chooseEngineServerAlias(keyType, issuers, engine);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return delegate.chooseEngineClientAlias(keyType, issuers, engine);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return delegate.getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseClientAlias(keyType, issuers, socket);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }
}
