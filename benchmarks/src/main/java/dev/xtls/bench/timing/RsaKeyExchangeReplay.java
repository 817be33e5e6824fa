package dev.xtls.bench.timing;

import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * A TLS 1.2 server engine answering an attacker's ClientKeyExchange: one real handshake records the client's
 * ClientHello and its second flight (ClientKeyExchange, ChangeCipherSpec, Finished); each measurement feeds the
 * ClientHello to a fresh server engine, lets it write its flight, then times the client flight with the encrypted
 * premaster replaced (RFC 5246 §7.4.7.1) until the server has written its alert. Whatever the ciphertext, the
 * premaster the server ends up with is not the client's, so the Finished fails alike: the time until the alert is
 * what a Bleichenbacher/Marvin attacker measures.
 */
final class RsaKeyExchangeReplay {
    private static final int ROUNDS = 50;
    private static final int CIPHERTEXT_OFFSET = 5 + 4 + 2; // record header, handshake header, opaque<0..2^16-1>

    private final SSLContext server;
    private final String suite;
    private final byte[] clientHello;
    private final byte[] clientFlight;
    private final int ciphertextLength;
    private final ByteBuffer out = ByteBuffer.allocate(1 << 17);
    private final ByteBuffer app = ByteBuffer.allocate(1 << 17);
    private String lastFailure = "";

    private RsaKeyExchangeReplay(SSLContext server, String suite, byte[] clientHello, byte[] clientFlight) {
        this.server = server;
        this.suite = suite;
        this.clientHello = clientHello;
        this.clientFlight = clientFlight;
        if (clientFlight[0] != 22 || clientFlight[5] != 16) {
            throw new IllegalStateException("the client's flight does not start with a ClientKeyExchange");
        }
        this.ciphertextLength = ((clientFlight[9] & 0xFF) << 8) | (clientFlight[10] & 0xFF);
    }

    /** Records one handshake of {@code client} against {@code server} with {@code suite} only. */
    static RsaKeyExchangeReplay record(SSLContext client, SSLContext server, String suite) throws SSLException {
        SSLEngine c = engine(client, true, suite);
        SSLEngine s = engine(server, false, suite);
        byte[] hello = writeAll(c);
        readAll(s, hello);
        byte[] serverFlight = writeAll(s);
        readAll(c, serverFlight);
        byte[] flight = writeAll(c);
        return new RsaKeyExchangeReplay(server, suite, hello, flight);
    }

    int ciphertextLength() {
        return ciphertextLength;
    }

    /** The failure the server reported for the last measurement (its SSLException's message). */
    String lastFailure() {
        return lastFailure;
    }

    /** Nanoseconds from the client flight carrying {@code ciphertext} to the server's alert. */
    long measure(byte[] ciphertext) throws SSLException {
        if (ciphertext.length != ciphertextLength) {
            throw new IllegalArgumentException("ciphertext of " + ciphertext.length + " bytes");
        }
        SSLEngine s = engine(server, false, suite);
        readAll(s, clientHello);
        writeAll(s);
        byte[] flight = clientFlight.clone();
        System.arraycopy(ciphertext, 0, flight, CIPHERTEXT_OFFSET, ciphertext.length);
        ByteBuffer in = ByteBuffer.wrap(flight);
        long start = System.nanoTime();
        try {
            for (int i = 0; i < ROUNDS && in.hasRemaining(); i++) {
                app.clear();
                s.unwrap(in, app);
                runTasks(s);
            }
            throw new IllegalStateException("the server accepted a replayed Finished");
        } catch (SSLException expected) {
            out.clear();
            s.wrap(ByteBuffer.allocate(0), out); // the alert
            long nanos = System.nanoTime() - start;
            lastFailure = expected.getMessage();
            return nanos;
        }
    }

    private static SSLEngine engine(SSLContext context, boolean client, String suite) throws SSLException {
        SSLEngine e = context.createSSLEngine("localhost", 443);
        e.setUseClientMode(client);
        e.setEnabledProtocols(new String[] {"TLSv1.2"});
        e.setEnabledCipherSuites(new String[] {suite});
        e.beginHandshake();
        return e;
    }

    /** Everything the engine writes before it needs input. */
    private static byte[] writeAll(SSLEngine e) throws SSLException {
        ByteBuffer net = ByteBuffer.allocate(1 << 17);
        for (int i = 0; i < ROUNDS; i++) {
            HandshakeStatus hs = e.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                runTasks(e);
            } else if (hs == HandshakeStatus.NEED_WRAP) {
                e.wrap(ByteBuffer.allocate(0), net);
            } else {
                break;
            }
        }
        return Arrays.copyOf(net.array(), net.position());
    }

    private static void readAll(SSLEngine e, byte[] bytes) throws SSLException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        ByteBuffer sink = ByteBuffer.allocate(1 << 17);
        for (int i = 0; i < ROUNDS && in.hasRemaining(); i++) {
            SSLEngineResult r = e.unwrap(in, sink);
            runTasks(e);
            if (r.getStatus() != SSLEngineResult.Status.OK) {
                throw new IllegalStateException("unwrap: " + r);
            }
        }
    }

    private static void runTasks(SSLEngine e) {
        for (Runnable task = e.getDelegatedTask(); task != null; task = e.getDelegatedTask()) {
            task.run();
        }
    }
}
