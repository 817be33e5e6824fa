package dev.xtls.it.ocsp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.xtls.it.openssl.OpenSsl;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real OCSP responder on loopback: {@code openssl ocsp -index} answers each request (good, revoked, or unknown
 * for a serial the index lacks), signed by the delegated signer, with a nextUpdate 10 minutes ahead. OpenSSL 3.0's
 * own {@code -port} listens on every interface and takes no address, so a loopback HTTP front (RFC 6960 Appendix
 * A.1, POST or GET) hands each request to one {@code openssl ocsp -reqin -respout} run. Bound to a port fixed
 * before it starts, so certificates can name it; {@link #stop()} makes it refuse connections.
 */
final class OcspResponder implements AutoCloseable {
    private static final long OPENSSL_TIMEOUT_SECONDS = 20;

    private final Path dir;
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean stopped;

    private OcspResponder(Path dir, int port) throws IOException {
        this.dir = dir;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8);
        server.createContext("/", this::answer);
        server.start();
    }

    /**
     * Listens on a free port of 127.0.0.1 and answers from the {@link OcspPki} files in {@code dir}, which may be
     * written after the start (they name this responder's {@link #url()}).
     */
    static OcspResponder start(Path dir) {
        try {
            return new OcspResponder(dir, 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1", e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    /** Requests answered so far. */
    int requests() {
        return requests.get();
    }

    /** Stops listening: connections to the port are refused from now on. */
    void stop() {
        if (!stopped) {
            stopped = true;
            server.stop(0);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request;
            if (exchange.getRequestMethod().equals("GET")) {
                // RFC 6960 Appendix A.1: GET {url}/{url-encoding of base-64 encoding of the DER request}, as the
                // JDK's OCSP client sends small requests
                String path = exchange.getRequestURI().getRawPath();
                request = Base64.getDecoder().decode(URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1),
                        StandardCharsets.US_ASCII));
            } else {
                try (InputStream in = exchange.getRequestBody()) {
                    request = in.readNBytes(64 * 1024);
                }
            }
            byte[] response = respond(request);
            requests.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
            exchange.sendResponseHeaders(200, response.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        }
    }

    /** One {@code openssl ocsp} responder run on one DER request. */
    byte[] respond(byte[] request) throws IOException {
        Path req = Files.createTempFile(dir, "req", ".der");
        Path resp = Files.createTempFile(dir, "resp", ".der");
        try {
            Files.write(req, request);
            Process p = new ProcessBuilder(OpenSsl.binary(), "ocsp", "-index", dir.resolve("index.txt").toString(),
                    "-CA", dir.resolve("ca.pem").toString(), "-rsigner", dir.resolve("signer.pem").toString(),
                    "-rkey", dir.resolve("signer-key.pem").toString(), "-nmin", "10", "-reqin", req.toString(),
                    "-respout", resp.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect
                            .DISCARD).start();
            if (!p.waitFor(OPENSSL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("openssl ocsp did not answer within " + OPENSSL_TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("openssl ocsp exited with " + p.exitValue());
            }
            return Files.readAllBytes(resp);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(req);
            Files.deleteIfExists(resp);
        }
    }

    /** The DER response for {@code leaf} as the responder gives it now, e.g. for {@code s_server -status_file}. */
    Path responseFile(OcspPki.Leaf leaf, Path out) {
        OpenSsl.Output o = OpenSsl.run(List.of("ocsp", "-issuer", dir.resolve("ca.pem").toString(), "-cert",
                leaf.certPem().toString(), "-url", url(), "-respout", out.toString(), "-noverify"),
                Duration.ofSeconds(30));
        if (o.exitCode() != 0 || !Files.exists(out)) {
            throw new AssertionError("openssl ocsp client failed\n" + o.stdout() + "\n" + o.stderr());
        }
        return out;
    }
}
