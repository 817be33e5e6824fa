package dev.xtls.it.openssl;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A plain TCP socket that keeps a copy of the first bytes it receives, so a test can read the peer's plaintext
 * handshake messages (a TLS socket is layered over it). Only the first {@value #LIMIT} bytes are kept.
 */
final class RecordingSocket extends java.net.Socket {
    private static final int LIMIT = 64 * 1024;
    private static final int HANDSHAKE = 22;
    private static final int SERVER_HELLO = 2;
    private static final int SERVER_KEY_EXCHANGE = 12;

    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private InputStream in;

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (in == null) {
            in = new FilterInputStream(super.getInputStream()) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        keep(new byte[] {(byte) b}, 0, 1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    int n = super.read(buf, off, len);
                    if (n > 0) {
                        keep(buf, off, n);
                    }
                    return n;
                }
            };
        }
        return in;
    }

    private void keep(byte[] buf, int off, int len) {
        synchronized (received) {
            received.write(buf, off, Math.min(len, Math.max(0, LIMIT - received.size())));
        }
    }

    /**
     * The prime {@code dh_p} of the DHE ServerKeyExchange received (RFC 5246 §7.4.3: ServerDHParams starts with
     * {@code opaque dh_p<1..2^16-1>}).
     */
    Optional<BigInteger> dhePrime() {
        return message(SERVER_KEY_EXCHANGE).map(body -> {
            byte[] p = new byte[body.getShort() & 0xFFFF];
            body.get(p);
            return new BigInteger(1, p);
        });
    }

    /** The extension types of the ServerHello received, in order (RFC 5246 §7.4.1.3). */
    List<Integer> serverHelloExtensions() {
        ByteBuffer body = message(SERVER_HELLO).orElseThrow(() -> new AssertionError("no ServerHello received"));
        body.position(2 + 32); // server_version, random
        int sessionIdLength = body.get() & 0xFF;
        body.position(body.position() + sessionIdLength + 2 + 1); // session_id, cipher_suite, compression_method
        List<Integer> types = new ArrayList<>();
        if (body.hasRemaining()) {
            int extensionsLength = body.getShort() & 0xFFFF;
            ByteBuffer extensions = body.slice(body.position(), extensionsLength);
            while (extensions.hasRemaining()) {
                types.add(extensions.getShort() & 0xFFFF);
                int length = extensions.getShort() & 0xFFFF;
                extensions.position(extensions.position() + length);
            }
        }
        return types;
    }

    /** The body of the first handshake message of {@code type} in the plaintext records before ChangeCipherSpec. */
    private Optional<ByteBuffer> message(int wanted) {
        byte[] all;
        synchronized (received) {
            all = received.toByteArray();
        }
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        ByteBuffer records = ByteBuffer.wrap(all);
        while (records.remaining() >= 5) {
            int type = records.get() & 0xFF;
            records.getShort(); // version
            int length = records.getShort() & 0xFFFF;
            if (type != HANDSHAKE || records.remaining() < length) {
                break; // ChangeCipherSpec: what follows is encrypted
            }
            byte[] fragment = new byte[length];
            records.get(fragment);
            handshake.writeBytes(fragment);
        }
        ByteBuffer messages = ByteBuffer.wrap(handshake.toByteArray());
        while (messages.remaining() >= 4) {
            int type = messages.get() & 0xFF;
            int length = (messages.getShort() & 0xFFFF) << 8 | messages.get() & 0xFF;
            if (messages.remaining() < length) {
                break;
            }
            ByteBuffer body = messages.slice(messages.position(), length);
            messages.position(messages.position() + length);
            if (type == wanted) {
                return Optional.of(body);
            }
        }
        return Optional.empty();
    }
}
