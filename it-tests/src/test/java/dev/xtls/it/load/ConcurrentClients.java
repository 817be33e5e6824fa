package dev.xtls.it.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Blocking loopback TLS clients: {@code connections} sockets are connected and handshaken by {@code inFlight}
 * threads and all kept open; once every one is open (the barrier: that many connections at once), each sends
 * {@link LineProtocol#request}, checks the reply and closes. Handshake latency (connect to end of
 * {@code startHandshake}) is taken per connection. Every socket has a read timeout: a stuck server is an error,
 * never a hang.
 */
final class ConcurrentClients {
    private static final int IO_TIMEOUT_MS = 60_000;
    private static final long PHASE_TIMEOUT_S = 180;

    /**
     * What a run gave: connections open at the barrier, replies received, what failed, each handshake's duration and
     * the used heap after GC at the barrier (client and server side, this JVM).
     */
    record Result(int connections, int heldOpenAtOnce, int replies, List<String> errors, Latencies handshakes,
            long heapAtBarrier) {
    }

    private ConcurrentClients() {
    }

    static Result run(SSLContext client, int port, int connections, int inFlight) throws InterruptedException {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(inFlight, r -> new Thread(r, "load-client-"
                + n.incrementAndGet()));
        SSLSocket[] sockets = new SSLSocket[connections];
        long[] nanos = new long[connections];
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger replies = new AtomicInteger();
        try {
            List<Future<?>> opened = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                int id = i;
                opened.add(pool.submit(() -> open(client, port, id, sockets, nanos, errors)));
            }
            awaitAll(opened, errors);
            int heldOpen = 0;
            for (SSLSocket s : sockets) {
                heldOpen += s != null && !s.isClosed() ? 1 : 0;
            }
            long heapAtBarrier = HeapProbe.usedAfterGc();
            List<Future<?>> asked = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                int id = i;
                if (sockets[id] != null) {
                    asked.add(pool.submit(() -> requestAndClose(sockets[id], id, replies, errors)));
                }
            }
            awaitAll(asked, errors);
            return new Result(connections, heldOpen, replies.get(), List.copyOf(errors), Latencies.of(nanos),
                    heapAtBarrier);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
            for (SSLSocket s : sockets) {
                closeQuietly(s);
            }
        }
    }

    private static void open(SSLContext client, int port, int id, SSLSocket[] sockets, long[] nanos,
            List<String> errors) {
        long start = System.nanoTime();
        try {
            SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
            sockets[id] = s;
            s.setSoTimeout(IO_TIMEOUT_MS);
            s.startHandshake();
            nanos[id] = System.nanoTime() - start;
        } catch (IOException | RuntimeException e) {
            errors.add("connection " + id + " handshake: " + e);
        }
    }

    private static void requestAndClose(SSLSocket s, int id, AtomicInteger replies, List<String> errors) {
        try (s) {
            OutputStream out = s.getOutputStream();
            String request = LineProtocol.request(id);
            out.write((request + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String reply = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (LineProtocol.expectedReply(request).equals(reply)) {
                replies.incrementAndGet();
            } else {
                errors.add("connection " + id + " got " + reply);
            }
        } catch (IOException | RuntimeException e) {
            errors.add("connection " + id + " request: " + e);
        }
    }

    private static void awaitAll(List<Future<?>> tasks, List<String> errors) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PHASE_TIMEOUT_S);
        for (Future<?> f : tasks) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                errors.add("client task: " + e);
            }
        }
    }

    private static void closeQuietly(SSLSocket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already failed or closed
            }
        }
    }
}
