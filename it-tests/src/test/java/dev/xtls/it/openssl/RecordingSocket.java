package dev.xtls.it.openssl;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A plain TCP socket that keeps a copy of the first bytes it receives, so a test can read the peer's plaintext
 * handshake messages (a TLS socket is layered over it). Only the first {@value #LIMIT} bytes are kept.
 */
final class RecordingSocket extends java.net.Socket {
    private static final int LIMIT = 64 * 1024;
    private static final int HANDSHAKE = 22;
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
     * The prime {@code dh_p} of the first DHE ServerKeyExchange received (RFC 5246 §7.4.3: ServerDHParams starts
     * with {@code opaque dh_p<1..2^16-1>}), read from the plaintext handshake records before ChangeCipherSpec.
     */
    Optional<BigInteger> dhePrime() {
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
            if (type == SERVER_KEY_EXCHANGE) {
                byte[] p = new byte[body.getShort() & 0xFFFF];
                body.get(p);
                return Optional.of(new BigInteger(1, p));
            }
        }
        return Optional.empty();
    }
}
