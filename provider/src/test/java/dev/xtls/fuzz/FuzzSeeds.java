package dev.xtls.fuzz;

import dev.xtls.crypto.jca.JcaTlsCrypto;
import dev.xtls.message.CodecCase;
import dev.xtls.session.SessionTicketKey;
import dev.xtls.session.TicketFuzzAccess;
import dev.xtls.session.TicketKeyRing;
import dev.xtls.session.TicketSealer;
import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import dev.xtls.wire.Bytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * Writes the seed corpora of the fuzz targets from real peers' messages (SunJSSE, Bouncy Castle JSSE) and the
 * codec samples: {@code java dev.xtls.fuzz.FuzzSeeds provider/src/test/resources/dev/xtls/fuzz}. Each file is
 * named after its content's SHA-1, as libFuzzer names corpus files, so rerunning adds no duplicates.
 */
public final class FuzzSeeds {
    private final Path root;

    private FuzzSeeds(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws Exception {
        FuzzSeeds seeds = new FuzzSeeds(Path.of(args[0]));
        seeds.decoders();
        seeds.peers();
        seeds.tickets();
    }

    private void decoders() {
        for (int i = 0; i < DecoderFuzzTest.CODECS.size(); i++) {
            CodecCase<?> c = DecoderFuzzTest.CODECS.get(i);
            write("DecoderFuzzTestInputs/decoders", prefixed(i, c.encoded()));
        }
    }

    private void peers() throws SSLException {
        TestPki pki = TestPki.create();
        SSLContext sunServer = Peer.SUN.context(Peer.TLS, pki, pki.ecdsaP256());
        for (Peer client : new Peer[] {Peer.SUN, Peer.BC}) {
            for (String[] protocols : new String[][] {{"TLSv1.3", "TLSv1.2"}, {"TLSv1.2"}}) {
                byte[] hello = new EngineFeeder(engine(client.context(Peer.TLS, pki), true, protocols)).flight();
                write("RecordFramingFuzzTestInputs/frames", hello);
                write("EngineFuzzTestInputs/server", prefixed(0, hello));
                EngineFeeder server = new EngineFeeder(engine(sunServer, false, protocols));
                server.feed(hello);
                byte[] flight = server.flight();
                write("RecordFramingFuzzTestInputs/frames", flight);
                write("EngineFuzzTestInputs/client", prefixed(0, flight));
            }
        }
        for (int mode = 1; mode <= 2; mode++) {
            write("EngineFuzzTestInputs/server", prefixed(mode, HexFormat.of().parseHex("140303000101")));
            for (int records = 0; records < 4; records++) {
                write("EngineFuzzTestInputs/client", new byte[] {(byte) mode, (byte) records});
            }
        }
    }

    private void tickets() {
        JcaTlsCrypto crypto = new JcaTlsCrypto(new SecureRandom());
        SessionTicketKey key = SessionTicketKey.fromKeyFileEntry(new byte[SessionTicketKey.FILE_KEY_LENGTH], crypto);
        TicketKeyRing ring = new TicketKeyRing() {
            @Override
            public SessionTicketKey current() {
                return key;
            }

            @Override
            public Optional<SessionTicketKey> find(Bytes name) {
                return Optional.of(key);
            }
        };
        for (int fill = 1; fill <= 3; fill++) {
            byte[] state = TicketFuzzAccess.encodeState(TicketFuzzAccess.sampleContents(fill));
            write("TicketFuzzTestInputs/tickets", prefixed(0, new TicketSealer(crypto, ring, () -> 0)
                    .seal(TicketFuzzAccess.sampleContents(fill)).orElseThrow()));
            write("TicketFuzzTestInputs/tickets", prefixed(1, state));
            write("TicketFuzzTestInputs/tickets", prefixed(2, state));
        }
    }

    private static SSLEngine engine(SSLContext ctx, boolean client, String[] protocols) {
        SSLEngine e = client ? ctx.createSSLEngine("localhost", 443) : ctx.createSSLEngine();
        e.setUseClientMode(client);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(protocols);
        e.setSSLParameters(p);
        return e;
    }

    private static byte[] prefixed(int selector, byte[] content) {
        byte[] out = new byte[content.length + 1];
        out[0] = (byte) selector;
        System.arraycopy(content, 0, out, 1, content.length);
        return out;
    }

    private void write(String dir, byte[] content) {
        try {
            Path d = root.resolve(dir);
            Files.createDirectories(d);
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(content);
            Files.write(d.resolve(HexFormat.of().formatHex(sha1)), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
