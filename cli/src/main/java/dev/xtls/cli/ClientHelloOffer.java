package dev.xtls.cli;

import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.SignatureScheme;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What a ClientHello offered (RFC 8446 §4.1.2, §4.2), by name; a lenient reader, the handshake itself is strict. */
record ClientHelloOffer(String legacyVersion, List<String> versions, List<String> cipherSuites, List<String> groups,
        List<String> keyShares, List<String> signatureAlgorithms, List<String> extensions, List<String> serverNames,
        List<String> alpn) {

    static ClientHelloOffer parse(byte[] body) {
        ByteBuffer b = ByteBuffer.wrap(body);
        String legacy = version(b.getShort() & 0xFFFF);
        b.position(b.position() + 32); // random
        skip(b, b.get() & 0xFF); // legacy_session_id
        List<String> suites = new ArrayList<>();
        ByteBuffer s = slice(b, b.getShort() & 0xFFFF);
        while (s.remaining() >= 2) {
            suites.add(new CipherSuite(s.getShort() & 0xFFFF).name());
        }
        skip(b, b.get() & 0xFF); // legacy_compression_methods
        List<String> versions = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<String> keyShares = new ArrayList<>();
        List<String> schemes = new ArrayList<>();
        List<String> extensions = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> alpn = new ArrayList<>();
        ByteBuffer exts = b.remaining() >= 2 ? slice(b, b.getShort() & 0xFFFF) : ByteBuffer.allocate(0);
        while (exts.remaining() >= 4) {
            int type = exts.getShort() & 0xFFFF;
            ByteBuffer data = slice(exts, exts.getShort() & 0xFFFF);
            extensions.add(new ExtensionType(type).name());
            switch (type) {
                case 0 -> serverNames(data, names); // RFC 6066 §3
                case 10 -> twoByteCodes(slice(data, data.getShort() & 0xFFFF), c -> new NamedGroup(c).name(), groups);
                case 13 -> twoByteCodes(slice(data, data.getShort() & 0xFFFF), c -> new SignatureScheme(c).name(),
                        schemes);
                case 16 -> alpn(slice(data, data.getShort() & 0xFFFF), alpn); // RFC 7301 §3.1
                case 43 -> twoByteCodes(slice(data, data.get() & 0xFF), ClientHelloOffer::version, versions);
                case 51 -> keyShares(slice(data, data.getShort() & 0xFFFF), keyShares); // RFC 8446 §4.2.8
                default -> {
                }
            }
        }
        return new ClientHelloOffer(legacy, versions, suites, groups, keyShares, schemes, extensions, names, alpn);
    }

    private static String version(int code) {
        return new ProtocolVersion(code).toString();
    }

    private static void twoByteCodes(ByteBuffer b, java.util.function.IntFunction<String> name, List<String> out) {
        while (b.remaining() >= 2) {
            out.add(name.apply(b.getShort() & 0xFFFF));
        }
    }

    private static void serverNames(ByteBuffer data, List<String> out) {
        ByteBuffer list = slice(data, data.getShort() & 0xFFFF);
        while (list.remaining() >= 3) {
            int type = list.get() & 0xFF;
            ByteBuffer name = slice(list, list.getShort() & 0xFFFF);
            if (type == 0) {
                out.add(ascii(name));
            }
        }
    }

    private static void alpn(ByteBuffer list, List<String> out) {
        while (list.hasRemaining()) {
            out.add(ascii(slice(list, list.get() & 0xFF)));
        }
    }

    private static void keyShares(ByteBuffer list, List<String> out) {
        while (list.remaining() >= 4) {
            String group = new NamedGroup(list.getShort() & 0xFFFF).name();
            skip(list, list.getShort() & 0xFFFF);
            out.add(group);
        }
    }

    private static String ascii(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static ByteBuffer slice(ByteBuffer b, int length) {
        ByteBuffer s = b.slice();
        s.limit(length);
        b.position(b.position() + length);
        return s;
    }

    private static void skip(ByteBuffer b, int length) {
        b.position(b.position() + length);
    }
}
