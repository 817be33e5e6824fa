package dev.xtls.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the records that carry a ClientHello off a plain socket before TLS starts, so the page can show the
 * client's offers; the bytes are then handed to the server socket (SSLSocketFactory's consumed-bytes overload).
 */
final class ClientHelloReader {
    private static final int HANDSHAKE = 22; // RFC 8446 §5.1 ContentType.handshake
    private static final int CLIENT_HELLO = 1;
    private static final int MAX_HELLO = 131_396; // OpenSSL's limit, as the provider's

    /** The bytes read and the ClientHello body (after the 4-byte handshake header), or null if it is none. */
    record Peeked(byte[] consumed, byte[] clientHello) {
    }

    private ClientHelloReader() {
    }

    static Peeked read(InputStream socketIn) throws IOException {
        DataInputStream in = new DataInputStream(socketIn);
        ByteArrayOutputStream consumed = new ByteArrayOutputStream();
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        // RFC 8446 §5.1: type(1) legacy_version(2) length(2) fragment; a handshake message may span records
        while (true) {
            byte[] header = new byte[5];
            int first = in.read();
            if (first < 0) {
                throw new EOFException("connection closed before a ClientHello");
            }
            header[0] = (byte) first;
            in.readFully(header, 1, 4);
            consumed.write(header);
            int length = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
            if (first != HANDSHAKE || length == 0 || length > 16_384 + 256) {
                return new Peeked(consumed.toByteArray(), null); // not TLS: let the server socket refuse it
            }
            byte[] fragment = new byte[length];
            in.readFully(fragment);
            consumed.write(fragment);
            handshake.write(fragment);
            byte[] h = handshake.toByteArray();
            if (h.length >= 4) {
                int bodyLength = ((h[1] & 0xFF) << 16) | ((h[2] & 0xFF) << 8) | (h[3] & 0xFF);
                if (h[0] != CLIENT_HELLO || bodyLength > MAX_HELLO) {
                    return new Peeked(consumed.toByteArray(), null);
                }
                if (h.length >= 4 + bodyLength) {
                    byte[] body = new byte[bodyLength];
                    System.arraycopy(h, 4, body, 0, bodyLength);
                    return new Peeked(consumed.toByteArray(), body);
                }
            }
        }
    }
}
