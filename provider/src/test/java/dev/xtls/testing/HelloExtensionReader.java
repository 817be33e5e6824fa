package dev.xtls.testing;

import java.nio.ByteBuffer;
import java.util.List;

/** Reads one extension out of the first plaintext hello a side sent (ClientHello or ServerHello). */
public final class HelloExtensionReader {
    public static final int PRE_SHARED_KEY = 41;
    public static final int PSK_KEY_EXCHANGE_MODES = 45;
    public static final int KEY_SHARE = 51;

    private HelloExtensionReader() {
    }

    /** The data of the extension of {@code type} in the first hello {@code from} sent; null when absent. */
    public static byte[] extension(EnginePair pair, Role from, int type) {
        return extension(pair, from, type, false);
    }

    /** {@code last}: the last hello instead (after a HelloRetryRequest, the second ClientHello or ServerHello). */
    public static byte[] extension(EnginePair pair, Role from, int type, boolean last) {
        int helloType = from == Role.CLIENT ? PlaintextHandshake.CLIENT_HELLO : PlaintextHandshake.SERVER_HELLO;
        List<PlaintextHandshake.Message> hellos = tls13Plaintext(pair, from).stream()
                .filter(m -> m.type() == helloType).toList();
        PlaintextHandshake.Message hello = hellos.get(last ? hellos.size() - 1 : 0);
        ByteBuffer b = ByteBuffer.wrap(hello.body());
        b.position(2 + 32);
        b.position(b.position() + 1 + (b.get(b.position()) & 0xFF)); // session_id
        if (from == Role.CLIENT) {
            b.position(b.position() + 2 + (b.getShort(b.position()) & 0xFFFF)); // cipher_suites
            b.position(b.position() + 1 + (b.get(b.position()) & 0xFF)); // compression_methods
        } else {
            b.position(b.position() + 3); // cipher_suite, compression_method
        }
        int end = b.position() + 2 + (b.getShort() & 0xFFFF);
        while (b.position() < end) {
            int t = b.getShort() & 0xFFFF;
            byte[] data = new byte[b.getShort() & 0xFFFF];
            b.get(data);
            if (t == type) {
                return data;
            }
        }
        return null;
    }

    /**
     * The handshake messages {@code from} sent in plaintext records under TLS 1.3, where the compatibility
     * ChangeCipherSpec (RFC 8446 Appendix D.4) encrypts nothing and protected records have type application_data.
     */
    public static List<PlaintextHandshake.Message> tls13Plaintext(EnginePair pair, Role from) {
        List<WireRecord> handshake = pair.records(from).stream()
                .filter(r -> r.contentType() == WireRecord.HANDSHAKE).toList();
        return PlaintextHandshake.of(handshake).messages();
    }

    /** RFC 8446 §4.2.11: the ServerHello selected a PSK, so the handshake resumed. */
    public static boolean resumedTls13(EnginePair pair) {
        return extension(pair, Role.SERVER, PRE_SHARED_KEY, true) != null;
    }
}
