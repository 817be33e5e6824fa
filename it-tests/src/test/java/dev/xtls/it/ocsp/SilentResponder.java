package dev.xtls.it.ocsp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A responder that hangs: it accepts connections on loopback and never answers, so a fetch from it lasts until
 * the fetcher's timeout. {@link #close()} closes everything it accepted.
 */
final class SilentResponder implements AutoCloseable {
    private static final int MAX_CONNECTIONS = 16;

    private final ServerSocket listener;
    private final List<Socket> accepted = new ArrayList<>();
    private final Thread acceptor;

    SilentResponder() throws IOException {
        listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptUntilClosed, "silent-ocsp-responder");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort() + "/";
    }

    /** Connections accepted (and left unanswered) so far. */
    synchronized int connections() {
        return accepted.size();
    }

    private void acceptUntilClosed() {
        for (int i = 0; i < MAX_CONNECTIONS; i++) {
            try {
                Socket s = listener.accept();
                synchronized (this) {
                    accepted.add(s);
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        listener.close();
        for (Socket s : accepted) {
            s.close();
        }
    }
}
