package dev.xtls.interop;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Field offsets of a ClientHello or ServerHello body (RFC 5246 §7.4.1.2-3), so a table of tests can rewrite one
 * field of a real peer's hello and leave the rest as the peer wrote it. Offsets point at each field's length
 * (or, for a ServerHello's cipher_suite, at the value).
 */
final class HelloFields {
    final byte[] body;
    final int sessionId;
    final int cipherSuites;
    final int compression;
    final int extensions;

    private HelloFields(byte[] body, boolean client) {
        this.body = body;
        this.sessionId = 2 + 32;
        this.cipherSuites = sessionId + 1 + (body[sessionId] & 0xFF);
        this.compression = cipherSuites + (client ? 2 + u16(body, cipherSuites) : 2);
        this.extensions = compression + (client ? 1 + (body[compression] & 0xFF) : 1);
    }

    static HelloFields client(byte[] body) {
        return new HelloFields(body, true);
    }

    static HelloFields server(byte[] body) {
        return new HelloFields(body, false);
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static byte[] hex(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }

    /** The body with bytes [from, to) replaced by {@code with}; no length is fixed. */
    byte[] splice(int from, int to, byte[] with) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(body, 0, from);
        out.writeBytes(with);
        out.write(body, to, body.length - to);
        return out.toByteArray();
    }

    /** The offset of extension {@code type}'s header, or -1. */
    int extension(int type) {
        int at = extensions + 2;
        while (at + 4 <= body.length) {
            if (u16(body, at) == type) {
                return at;
            }
            at += 4 + u16(body, at + 2);
        }
        return -1;
    }

    /** The body with the extensions block replaced by {@code list} (its length fixed). */
    byte[] withExtensions(byte[] list) {
        byte[] block = new byte[2 + list.length];
        block[0] = (byte) (list.length >>> 8);
        block[1] = (byte) list.length;
        System.arraycopy(list, 0, block, 2, list.length);
        return splice(extensions, body.length, block);
    }

    /** The extensions list as sent, without its length. */
    byte[] extensionList() {
        return Arrays.copyOfRange(body, extensions + 2, body.length);
    }

    /** The body with one more extension appended. */
    byte[] plus(int type, byte[] data) {
        return withExtensions(concat(extensionList(), extension(type, data)));
    }

    /** The body with extension {@code type}'s data replaced, or the extension appended if absent. */
    byte[] replacing(int type, byte[] data) {
        int at = extension(type);
        if (at < 0) {
            return plus(type, data);
        }
        int end = at + 4 + u16(body, at + 2);
        byte[] list = extensionList();
        int from = at - extensions - 2;
        int to = end - extensions - 2;
        return withExtensions(concat(Arrays.copyOfRange(list, 0, from), extension(type, data),
                Arrays.copyOfRange(list, to, list.length)));
    }

    /** The body with extension {@code type} moved to the front of the list. */
    byte[] first(int type) {
        int at = extension(type);
        int end = at + 4 + u16(body, at + 2);
        byte[] list = extensionList();
        int from = at - extensions - 2;
        int to = end - extensions - 2;
        return withExtensions(concat(Arrays.copyOfRange(list, from, to), Arrays.copyOfRange(list, 0, from),
                Arrays.copyOfRange(list, to, list.length)));
    }

    static byte[] extension(int type, byte[] data) {
        return concat(new byte[] {(byte) (type >>> 8), (byte) type, (byte) (data.length >>> 8), (byte) data.length},
                data);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** server_name data holding the given (type, name) entries (RFC 6066 §3). */
    static byte[] serverNames(byte[]... typeAndName) {
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        for (byte[] entry : typeAndName) {
            list.writeBytes(entry);
        }
        return concat(new byte[] {(byte) (list.size() >>> 8), (byte) list.size()}, list.toByteArray());
    }

    static byte[] hostName(byte[] name) {
        return concat(new byte[] {0, (byte) (name.length >>> 8), (byte) name.length}, name);
    }
}
