package dev.xtls.jsse.socket;

import static dev.xtls.jsse.socket.Loopback.TIMEOUT_MS;
import static dev.xtls.jsse.socket.Loopback.connect;
import static dev.xtls.jsse.socket.Loopback.listen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * On Java 21+, Xtls sockets on virtual threads: more readers blocked at once than there are carrier threads must
 * not stop another virtual thread from running a whole connection. Compiled for Java 17, so virtual threads are
 * reached by reflection; on Java 17 the test is skipped.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VirtualThreadSocketTest {
    private final Loopback loopback = new Loopback();

    @AfterEach
    void stopPeers() {
        loopback.close();
    }

    /** Starts {@code task} on a new virtual thread; the test is skipped when the JVM has none. */
    private static Thread startVirtual(Runnable task) throws ReflectiveOperationException {
        Method ofVirtual;
        try {
            ofVirtual = Thread.class.getMethod("ofVirtual");
        } catch (NoSuchMethodException e) {
            assumeTrue(false, "virtual threads need Java 21 or later; this is Java " + Runtime.version());
            throw e;
        }
        Object builder = ofVirtual.invoke(null);
        return (Thread) Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class)
                .invoke(builder, task);
    }

    @Test
    void readersBlockedOnVirtualThreadsLeaveTheCarriersFree() throws Exception {
        startVirtual(() -> { }).join(); // skips the test before any setup when there are no virtual threads
        TestPki pki = TestPki.create();
        SSLContext client = Peer.XTLS.context(pki);
        int blocked = Runtime.getRuntime().availableProcessors() + 2; // more than the default carrier count
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch waiting = new CountDownLatch(blocked);
        List<Integer> answers = new CopyOnWriteArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        try (SSLServerSocket server = listen(Peer.XTLS.context(pki, pki.ecdsaP256()))) {
            startVirtual(() -> serve(server, blocked + 1, release, errors));
            for (int i = 0; i < blocked; i++) {
                threads.add(startVirtual(() -> {
                    try (SSLSocket c = connect(client, server.getLocalPort())) {
                        c.getOutputStream().write('w');
                        waiting.countDown();
                        answers.add(c.getInputStream().read()); // blocks until released
                    } catch (Exception | AssertionError e) {
                        errors.add(e);
                        waiting.countDown();
                    }
                }));
            }
            assertTrue(waiting.await(TIMEOUT_MS, TimeUnit.MILLISECONDS), "blocked readers started");
            Thread.sleep(200); // into their reads
            CompletableFuture<Integer> other = new CompletableFuture<>();
            startVirtual(() -> {
                try (SSLSocket c = connect(client, server.getLocalPort())) {
                    c.getOutputStream().write('e');
                    other.complete(c.getInputStream().read());
                } catch (Exception e) {
                    other.completeExceptionally(e);
                }
            });
            assertEquals(Integer.valueOf('e'), other.get(TIMEOUT_MS, TimeUnit.MILLISECONDS),
                    "a whole connection ran while " + blocked + " virtual threads were blocked reading");
            release.countDown();
            for (Thread t : threads) {
                t.join(TIMEOUT_MS);
            }
        } finally {
            release.countDown();
        }
        assertEquals(List.of(), errors);
        assertEquals(blocked, answers.size());
    }

    /** Accepts {@code n} connections, each on its own virtual thread: 'e' is echoed at once, 'w' after release. */
    private static void serve(SSLServerSocket server, int n, CountDownLatch release, List<Throwable> errors) {
        for (int i = 0; i < n; i++) {
            try {
                SSLSocket s = (SSLSocket) server.accept();
                startVirtual(() -> {
                    try (s) {
                        s.setSoTimeout(TIMEOUT_MS);
                        int b = s.getInputStream().read();
                        if (b == 'w') {
                            release.await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                        }
                        s.getOutputStream().write(b);
                    } catch (Exception e) {
                        errors.add(e);
                    }
                });
            } catch (Exception e) {
                errors.add(e);
                return;
            }
        }
    }
}
