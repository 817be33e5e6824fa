package dev.xtls.jsse.socket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on 127.0.0.1 for one connection to a local port. Asked to, it splits the next chunk the server
 * sends: three bytes, a pause, then the rest, so a client read stops in the middle of a record.
 */
final class Relay implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicLong holdNextMillis = new AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    Relay(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = Loopback.listenPlain();
        start("relay-accept", this::acceptOne);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The next chunk from the server arrives split, its rest {@code millis} after its first three bytes. */
    void holdNextServerChunk(long millis) {
        holdNextMillis.set(millis);
    }

    private void acceptOne() {
        try {
            Socket client = listener.accept();
            sockets.add(client);
            Socket server = new Socket();
            sockets.add(server);
            server.connect(new InetSocketAddress(Loopback.loopback(), targetPort), Loopback.TIMEOUT_MS);
            start("relay-up", () -> copy(client, server, false));
            start("relay-down", () -> copy(server, client, true));
        } catch (IOException e) {
            close();
        }
    }

    private void copy(Socket from, Socket to, boolean mayHold) {
        byte[] buf = new byte[16384];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) > 0) {
                long hold = mayHold ? holdNextMillis.getAndSet(0) : 0;
                if (hold > 0 && n > 3) {
                    out.write(buf, 0, 3);
                    out.flush();
                    Thread.sleep(hold);
                    out.write(buf, 3, n - 3);
                } else {
                    out.write(buf, 0, n);
                }
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        for (Thread t : threads) {
            if (t != Thread.currentThread()) {
                t.interrupt();
            }
        }
    }
}
