package dev.xtls.it.openssl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on 127.0.0.1 for one connection to a server port, noting the length of every TLS record that passes
 * each way (RFC 5246 §6.2: 5-byte header, then the fragment), so a test checks record sizes on the wire. Every
 * blocking call is bounded; {@link #close()} ends it.
 */
final class RecordRelay implements AutoCloseable {
    private static final Duration TIMEOUT = OpenSsl.DEFAULT_TIMEOUT;

    private final ServerSocket listener;
    private final int target;
    private final List<Seen> fromClient = new CopyOnWriteArrayList<>();
    private final List<Seen> fromServer = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    private RecordRelay(int targetPort) throws IOException {
        this.target = targetPort;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        listener.setSoTimeout((int) TIMEOUT.toMillis());
        start("relay-accept-" + listener.getLocalPort(), this::acceptOne);
    }

    /** Listens on 127.0.0.1 (see {@link #port()}) and relays the first connection to 127.0.0.1:{@code port}. */
    static RecordRelay to(int targetPort) {
        try {
            return new RecordRelay(targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    /** One record header: content type and fragment length. */
    record Seen(int type, int length) {
        static final int APPLICATION_DATA = 23;
    }

    /** The records the client sent, in order. */
    List<Seen> clientRecords() {
        return List.copyOf(fromClient);
    }

    /** The records the server sent, in order. */
    List<Seen> serverRecords() {
        return List.copyOf(fromServer);
    }

    private void start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void acceptOne() {
        try {
            Socket client = listener.accept();
            sockets.add(client);
            Socket server = new Socket();
            sockets.add(server);
            server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), (int) TIMEOUT.toMillis());
            for (Socket s : List.of(client, server)) {
                s.setSoTimeout((int) TIMEOUT.toMillis());
            }
            start("relay-to-server", () -> pump(client, server, fromClient));
            start("relay-to-client", () -> pump(server, client, fromServer));
        } catch (IOException e) {
            // closed before a client came, or the server is gone: the test's own assertions say what is missing
        }
    }

    /** Copies until end of stream, noting each record header's length; then half-closes the other side. */
    private static void pump(Socket from, Socket to, List<Seen> seen) {
        byte[] header = new byte[5];
        int headerBytes = 0;
        int fragmentLeft = 0;
        byte[] buf = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                out.flush();
                for (int i = 0; i < n; ) {
                    if (fragmentLeft > 0) {
                        int skip = Math.min(fragmentLeft, n - i);
                        fragmentLeft -= skip;
                        i += skip;
                    } else {
                        header[headerBytes++] = buf[i++];
                        if (headerBytes == 5) {
                            fragmentLeft = (header[3] & 0xFF) << 8 | header[4] & 0xFF;
                            seen.add(new Seen(header[0] & 0xFF, fragmentLeft));
                            headerBytes = 0;
                        }
                    }
                }
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // a reset or timeout ends this direction; the peers report their own errors
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
            for (Socket s : sockets) {
                s.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Thread t : threads) {
            try {
                t.join(TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
