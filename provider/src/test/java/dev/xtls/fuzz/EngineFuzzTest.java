package dev.xtls.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.xtls.testing.Credential;
import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * Whole Xtls engines fed a peer's bytes: a valid prefix of a real handshake (so the fuzzer starts deep) followed by
 * the fuzzed bytes. The first input byte picks the prefix; {@link EngineFeeder} checks the findings.
 */
class EngineFuzzTest {
    private static final TestPki PKI = TestPki.create();
    private static final Credential CREDENTIAL = PKI.ecdsaP256();
    private static final SSLContext XTLS_SERVER = Peer.XTLS.context(Peer.TLS, PKI, CREDENTIAL);
    private static final SSLContext XTLS_CLIENT = Peer.XTLS.context(Peer.TLS, PKI);
    private static final SSLContext SUN_SERVER = Peer.SUN.context(Peer.TLS, PKI, CREDENTIAL);
    private static final SSLContext SUN_CLIENT = Peer.SUN.context(Peer.TLS, PKI);
    private static final String[] TLS13 = {"TLSv1.3"};
    private static final String[] TLS12 = {"TLSv1.2"};
    private static final String[] BOTH = {"TLSv1.3", "TLSv1.2"};
    /** Real SunJSSE ClientHellos, recorded once: TLS 1.3 and 1.2 offered, then TLS 1.2 only. */
    private static final List<byte[]> CLIENT_HELLOS = List.of(firstFlight(engine(SUN_CLIENT, true, BOTH)),
            firstFlight(engine(SUN_CLIENT, true, TLS12)));

    /** Byte 0: 0 fuzz only, 1 after SunJSSE's TLS 1.3 ClientHello, 2 after its TLS 1.2-only ClientHello. */
    @FuzzTest(maxDuration = "2m")
    void server(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        int mode = (input[0] & 0xFF) % 3;
        byte[] wire = mode == 0 ? rest : concat(CLIENT_HELLOS.get(mode - 1), rest);
        new EngineFeeder(engine(XTLS_SERVER, false, BOTH)).feed(wire);
    }

    /**
     * Byte 0: 0 fuzz as the whole server flight; otherwise a live SunJSSE server answers the client's real
     * ClientHello (1 TLS 1.3, 2 TLS 1.2) and the client gets its first {@code 1 + byte 1 % 4} records, then fuzz.
     */
    @FuzzTest(maxDuration = "2m")
    void client(byte[] input) throws SSLException {
        if (input.length < 2) {
            return;
        }
        int mode = (input[0] & 0xFF) % 3;
        SSLEngine client = engine(XTLS_CLIENT, true, mode == 2 ? TLS12 : BOTH);
        EngineFeeder feeder = new EngineFeeder(client);
        byte[] clientHello = feeder.flight();
        if (mode == 0) {
            feeder.feed(Arrays.copyOfRange(input, 1, input.length));
            return;
        }
        EngineFeeder sun = new EngineFeeder(engine(SUN_SERVER, false, mode == 1 ? TLS13 : TLS12));
        sun.feed(clientHello);
        byte[] serverFlight = sun.flight();
        feeder.feed(concat(records(serverFlight, 1 + (input[1] & 3)), Arrays.copyOfRange(input, 2, input.length)));
    }

    private static SSLEngine engine(SSLContext ctx, boolean client, String[] protocols) {
        SSLEngine e = client ? ctx.createSSLEngine("localhost", 443) : ctx.createSSLEngine();
        e.setUseClientMode(client);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(protocols);
        e.setSSLParameters(p);
        return e;
    }

    private static byte[] firstFlight(SSLEngine client) {
        try {
            return new EngineFeeder(client).flight();
        } catch (SSLException e) {
            throw new IllegalStateException("SunJSSE client could not start", e);
        }
    }

    /** The first {@code count} whole records of {@code wire}. */
    private static byte[] records(byte[] wire, int count) {
        int end = 0;
        for (int i = 0; i < count && end + 5 <= wire.length; i++) {
            end = Math.min(wire.length, end + 5 + (((wire[end + 3] & 0xFF) << 8) | (wire[end + 4] & 0xFF)));
        }
        return Arrays.copyOf(wire, end);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
