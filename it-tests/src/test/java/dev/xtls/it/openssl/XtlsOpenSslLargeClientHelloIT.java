package dev.xtls.it.openssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code openssl s_client} with an ALPN list (RFC 7301 §3.1) of nearly 2^16 bytes sends a ClientHello larger than
 * the 65536-byte default of jdk.tls.maxHandshakeMessageSize, over several records; the Xtls server reads it (the
 * ClientHello limit is 131396 bytes, OpenSSL's own) and completes the handshake with both versions.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class XtlsOpenSslLargeClientHelloIT {
    private static final Pattern CLIENT_HELLO = Pattern.compile(">>> [^\\n]*Handshake \\[length ([0-9a-f]+)\\], "
            + "ClientHello");

    @TempDir
    static Path dir;
    static Path ca;
    static SSLContext server;

    @BeforeAll
    static void setUp() {
        TestPki pki = TestPki.create();
        ca = pki.writeCaPem(dir);
        server = Peer.XTLS.context(Peer.TLS, pki, pki.ecdsaP256());
    }

    /**
     * An -alpn list that adds {@code extra} bytes to the protocol_name_list of the one-byte list "a": names of 250
     * characters (251 bytes with their length), the last shorter.
     */
    private static String protocolsAdding(int extra) {
        int bytes = 2 + extra; // what the list must hold in all
        List<String> names = new ArrayList<>();
        while (bytes > 0) {
            int entry = Math.min(251, bytes);
            if (bytes - entry == 1) {
                entry--; // leave at least two bytes for the last name
            }
            names.add(entry >= 5 ? String.format("%03d", names.size()) + "x".repeat(entry - 4)
                    : "z".repeat(entry - 1)); // distinct names: the numbered ones start with a digit
            bytes -= entry;
        }
        return String.join(",", names);
    }

    /** The ClientHello body s_client -msg printed in hex. */
    private static byte[] clientHello(String stdout) {
        Matcher m = CLIENT_HELLO.matcher(stdout);
        assertTrue(m.find(), "s_client -msg printed no ClientHello:\n" + stdout);
        int length = Integer.parseInt(m.group(1), 16);
        String hex = stdout.substring(m.end()).lines().skip(1).takeWhile(l -> l.startsWith("    "))
                .collect(Collectors.joining()).replace(" ", "");
        return Arrays.copyOfRange(HexFormat.of().parseHex(hex.substring(0, 2 * length)), 4, length);
    }

    /** The length of the extensions list of a ClientHello body (RFC 5246 §7.4.1.2). */
    private static int extensionsLength(byte[] body) {
        int at = 2 + 32;
        at += 1 + (body[at] & 0xFF);
        at += 2 + (((body[at] & 0xFF) << 8) | (body[at + 1] & 0xFF));
        at += 1 + (body[at] & 0xFF);
        return ((body[at] & 0xFF) << 8) | (body[at + 1] & 0xFF);
    }

    private static OpenSslClient.Result connect(String protocol, int port, String alpn) {
        OpenSslClient.Builder b = OpenSslClient.connect(port).caFile(ca).extraArgs("-alpn", alpn, "-msg")
                .stdin("hello xtls\n".getBytes(StandardCharsets.US_ASCII));
        return (protocol.equals("TLSv1.3") ? b.tls13() : b).run();
    }

    @ParameterizedTest(name = "s_client {0} with a ClientHello over 64 KiB -> Xtls server")
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void xtlsServerCompletesTheHandshake(String protocol) throws Exception {
        int extensions;
        try (JavaTlsServer s = JavaTlsServer.start(server, p -> p.setProtocols(new String[] {protocol}))) {
            // a probe with ALPN "a" measures s_client's extensions, which may hold at most 2^16-1 bytes
            OpenSslClient.Result probe = connect(protocol, s.port(), "a");
            s.awaitServed();
            assertEquals(0, probe.exitCode(), probe.describe());
            extensions = extensionsLength(clientHello(probe.stdout()));
        }
        try (JavaTlsServer s = JavaTlsServer.start(server, p -> p.setProtocols(new String[] {protocol}))) {
            OpenSslClient.Result r = connect(protocol, s.port(), protocolsAdding(65535 - extensions));
            JavaTlsServer.Served served = s.awaitServed();
            assertEquals(0, r.exitCode(), r.describe());
            assertTrue(r.stdout().contains("echo: hello xtls"), r.describe());
            assertEquals(protocol, served.protocol());
            int length = clientHello(r.stdout()).length;
            assertTrue(length > 65536 && length <= 131396, "ClientHello of " + length + " bytes");
        }
    }
}
