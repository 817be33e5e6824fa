package dev.xtls.cli;

import java.util.List;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/** The page {@code xtls serve} answers with: what was negotiated and what the client offered, as plain text. */
final class OfferPage {
    private OfferPage() {
    }

    static String render(SSLSocket socket, ClientHelloOffer offer, String requestLine) {
        SSLSession s = socket.getSession();
        StringBuilder b = new StringBuilder();
        b.append("xtls serve\n\n");
        b.append("request              ").append(requestLine).append('\n');
        b.append("negotiated\n");
        b.append("  protocol           ").append(s.getProtocol()).append('\n');
        b.append("  cipher suite       ").append(s.getCipherSuite()).append('\n');
        String alpn = socket.getApplicationProtocol();
        b.append("  ALPN               ").append(alpn == null || alpn.isEmpty() ? "none" : alpn).append('\n');
        if (offer == null) {
            b.append("the ClientHello could not be read\n");
            return b.toString();
        }
        b.append("the client offered\n");
        line(b, "legacy version", List.of(offer.legacyVersion()));
        line(b, "versions", offer.versions());
        line(b, "cipher suites", offer.cipherSuites());
        line(b, "groups", offer.groups());
        line(b, "key shares", offer.keyShares());
        line(b, "signature algs", offer.signatureAlgorithms());
        line(b, "SNI", offer.serverNames());
        line(b, "ALPN", offer.alpn());
        line(b, "extensions", offer.extensions());
        return b.toString();
    }

    private static void line(StringBuilder b, String label, List<String> values) {
        b.append("  ").append(String.format("%-19s", label))
                .append(values.isEmpty() ? "none" : String.join(", ", values)).append('\n');
    }
}
