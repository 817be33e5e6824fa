package dev.xtls.stapling;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;

/** One OCSP request over HTTP POST (RFC 6960 Appendix A.1), bounded in time and in size. */
final class OcspFetcher {
    /** A response larger than this is no OCSP response for one certificate. */
    static final int MAX_RESPONSE_BYTES = 256 * 1024;

    private final Duration timeout;

    OcspFetcher(Duration timeout) {
        this.timeout = timeout;
    }

    byte[] fetch(URI responder, byte[] request) throws IOException {
        if (!"http".equalsIgnoreCase(responder.getScheme())) {
            throw new IOException("OCSP responder " + responder + " is not an http URI (RFC 6960 Appendix A.1)");
        }
        HttpURLConnection c = (HttpURLConnection) responder.toURL().openConnection();
        try {
            int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
            c.setConnectTimeout(millis);
            c.setReadTimeout(millis);
            c.setUseCaches(false);
            c.setDoOutput(true);
            c.setRequestMethod("POST");
            c.setRequestProperty("Content-Type", "application/ocsp-request");
            c.setFixedLengthStreamingMode(request.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(request);
            }
            if (c.getResponseCode() != HttpURLConnection.HTTP_OK) {
                throw new IOException("OCSP responder " + responder + " answered HTTP " + c.getResponseCode());
            }
            try (InputStream in = c.getInputStream()) {
                return readBounded(in, responder);
            }
        } finally {
            c.disconnect();
        }
    }

    private static byte[] readBounded(InputStream in, URI responder) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            out.write(buf, 0, n);
            if (out.size() > MAX_RESPONSE_BYTES) {
                throw new IOException("OCSP responder " + responder + " sent more than " + MAX_RESPONSE_BYTES
                        + " bytes");
            }
        }
        return out.toByteArray();
    }
}
