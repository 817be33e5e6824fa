package dev.xtls.engine;

import dev.xtls.wire.ProtocolVersion;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Draws handshakes as RFC 5246 §7.3 and RFC 8446 §2 do: a Client and a Server column, an arrow after each flight,
 * {@code *} on the messages the figures mark optional, {@code [ChangeCipherSpec]}, and in TLS 1.3 {@code {}} for
 * messages under handshake keys and {@code []} under application keys. Then what was negotiated, and on a line of
 * its own (which tests mask) the time from the first message to the last.
 */
public final class HandshakeFigure {
    /** The line that starts with this carries the timing. */
    public static final String TIMING = "  time:";

    private static final int LEFT = 6;
    private static final int ARROW = 35;
    private static final int RIGHT = 65;
    private static final Set<String> OPTIONAL_TLS12 = Set.of("Certificate", "ServerKeyExchange",
            "CertificateRequest", "CertificateVerify", "SupplementalData"); // RFC 5246 §7.3 Figure 1, RFC 4680
    private static final Set<String> OPTIONAL_TLS13 = Set.of("Certificate", "CertificateRequest",
            "CertificateVerify"); // RFC 8446 §2 Figure 1

    private HandshakeFigure() {
    }

    /** All of {@code handshakes}, one after the other. */
    public static String render(List<HandshakeTrace> handshakes) {
        StringBuilder out = new StringBuilder();
        for (HandshakeTrace t : handshakes) {
            if (out.length() > 0) {
                out.append('\n');
            }
            render(t, out);
        }
        return out.toString();
    }

    public static String render(HandshakeTrace t) {
        StringBuilder out = new StringBuilder();
        render(t, out);
        return out.toString();
    }

    private static void render(HandshakeTrace t, StringBuilder out) {
        boolean tls13 = ProtocolVersion.TLS13.equals(t.version());
        out.append("TLS handshake ").append(t.number()).append(t.number() > 1 ? " (renegotiation)" : "")
                .append(", Xtls is the ").append(t.client() ? "client" : "server").append('\n');
        out.append(pad(" ".repeat(LEFT) + "Client", RIGHT - "Server".length())).append("Server\n\n");
        List<HandshakeTrace.Step> steps = t.steps();
        for (int i = 0; i < steps.size(); i++) {
            HandshakeTrace.Step s = steps.get(i);
            // RFC 8446 Appendix D.4: a TLS 1.3 ChangeCipherSpec is for compatibility only, not drawn in the figures
            if (!(tls13 && s.message().equals(HandshakeRecorder.CHANGE_CIPHER_SPEC))) {
                boolean endsFlight = i == t.establishedAfter() - 1 || nextDrawn(steps, i, tls13)
                        .map(n -> n.fromClient() != s.fromClient()).orElse(true);
                line(out, s.fromClient(), label(s, tls13), endsFlight);
            }
            if (i == t.establishedAfter() - 1) {
                applicationData(out, tls13);
            }
        }
        if (t.establishedAfter() == 0) {
            applicationData(out, tls13);
        }
        if (t.omittedSteps() > 0) {
            out.append(" ".repeat(LEFT)).append("(").append(t.omittedSteps()).append(" more messages)\n");
        }
        out.append('\n');
        parameters(t, out);
    }

    private static Optional<HandshakeTrace.Step> nextDrawn(List<HandshakeTrace.Step> steps, int i,
            boolean tls13) {
        for (int j = i + 1; j < steps.size(); j++) {
            if (!(tls13 && steps.get(j).message().equals(HandshakeRecorder.CHANGE_CIPHER_SPEC))) {
                return Optional.of(steps.get(j));
            }
        }
        return Optional.empty();
    }

    private static void applicationData(StringBuilder out, boolean tls13) {
        String data = tls13 ? "[Application Data]" : "Application Data";
        out.append(pad(" ".repeat(LEFT) + data, ARROW)).append("<------->");
        out.append(" ".repeat(RIGHT - ARROW - "<------->".length() - data.length())).append(data).append('\n');
    }

    private static void line(StringBuilder out, boolean fromClient, String label, boolean endsFlight) {
        if (fromClient) {
            String left = " ".repeat(LEFT) + label;
            out.append(endsFlight ? pad(left, ARROW) + "-------->" : left).append('\n');
        } else {
            String left = endsFlight ? " ".repeat(ARROW) + "<--------" : "";
            out.append(left).append(" ".repeat(Math.max(1, RIGHT - left.length() - label.length()))).append(label)
                    .append('\n');
        }
    }

    private static String label(HandshakeTrace.Step s, boolean tls13) {
        String m = s.message();
        if (m.equals(HandshakeRecorder.CHANGE_CIPHER_SPEC)) {
            return "[ChangeCipherSpec]";
        }
        if ((tls13 ? OPTIONAL_TLS13 : OPTIONAL_TLS12).contains(m)) {
            m = m + "*";
        }
        if (!tls13 || s.keyEpoch() == 0) {
            return m;
        }
        return s.keyEpoch() == 1 ? "{" + m + "}" : "[" + m + "]";
    }

    private static void parameters(HandshakeTrace t, StringBuilder out) {
        row(out, "version", t.version() == null ? "not negotiated" : t.version().name());
        HandshakeTrace.Negotiated n = t.negotiated();
        if (n != null) {
            row(out, "cipher suite", n.cipherSuite());
            row(out, "group", n.group() == null ? "none" : n.group());
            row(out, "peer signature", n.peerSignatureScheme() == null ? "none" : n.peerSignatureScheme());
            row(out, "ALPN", n.applicationProtocol() == null || n.applicationProtocol().isEmpty() ? "none"
                    : n.applicationProtocol());
            row(out, "server extensions", n.serverExtensions().isEmpty() ? "none"
                    : String.join(", ", n.serverExtensions()));
            row(out, "session", n.session());
        } else {
            row(out, "result", t.failure() == null ? "in progress" : "failed: " + t.failure());
        }
        out.append(TIMING).append(' ').append(t.lastMillis() - t.firstMillis())
                .append(" ms from the first message to the last\n");
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append(pad("  " + name + ":", 22)).append(value).append('\n');
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
