package dev.xtls.cli;

import dev.xtls.jsse.ProtocolDefaults;
import dev.xtls.jsse.XtlsSession;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.NamedGroup;
import java.io.PrintStream;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * {@code xtls probe HOST:PORT}: one Xtls handshake per version, cipher suite, group and signature algorithm Xtls
 * implements, each offering only that item, {@value #PARALLEL} at a time; then a default handshake and a
 * reconnect for ALPN, the extended master secret, stapling and resumption.
 */
final class ProbeCommand {
    static final int PARALLEL = 4;
    private static final long DEADLINE_SECONDS = 120;
    private static final List<String> VERSIONS = List.of("TLSv1.3", "TLSv1.2");

    private final PrintStream out;
    private final HostPort target;
    private final String serverName;

    ProbeCommand(Options options, PrintStream out) throws UsageException {
        this.out = out;
        target = HostPort.parse(options.positional("HOST:PORT"));
        serverName = options.value("servername").orElse(target.host());
        options.checkAllUsed("probe");
    }

    static List<ProbeItem> items() {
        List<ProbeItem> items = new ArrayList<>();
        VERSIONS.forEach(v -> items.add(ProbeItem.version(v)));
        ProtocolDefaults.IMPLEMENTED_CIPHER_SUITES.stream().map(CipherSuite::name)
                .forEach(s -> items.add(ProbeItem.suite(s)));
        List<NamedGroup> groups = ProtocolDefaults.IMPLEMENTED_GROUPS;
        groups.forEach(g -> items.add(ProbeItem.group(g, groups)));
        ProbeItem.SIGNATURE_ALGORITHMS.keySet().stream().sorted()
                .forEach(name -> items.add(ProbeItem.signature(name)));
        return items;
    }

    int run() {
        out.println("probing " + target + " (SNI " + serverName + ") with Xtls's client; TLSv1.1 and TLSv1.0 are not"
                + " probed: Xtls does not implement them");
        ProbeConnection.Result first;
        try {
            first = ProbeConnection.handshake(ProbeConnection.freshContext(), target, serverName, p -> { });
        } catch (GeneralSecurityException e) {
            out.println("cannot create the client: " + e.getMessage());
            return XtlsCli.HANDSHAKE_FAILED;
        }
        if (first.error() != null) {
            out.println("network error: " + first.error());
            return XtlsCli.NETWORK;
        }
        List<ProbeItem> items = items();
        Map<ProbeItem, ProbeConnection.Result> results = probeAll(items);
        summary(items, results);
        extensions();
        if (first.refused() != null) {
            out.println("a handshake with Xtls's defaults failed: " + first.refused().getMessage());
        }
        boolean anyAccepted = items.stream().anyMatch(i -> accepted(i, results.get(i)));
        return anyAccepted ? XtlsCli.OK : XtlsCli.HANDSHAKE_FAILED;
    }

    private Map<ProbeItem, ProbeConnection.Result> probeAll(List<ProbeItem> items) {
        Map<ProbeItem, ProbeConnection.Result> results = new ConcurrentHashMap<>();
        Progress progress = new Progress(out, Progress.onTerminal(), items.size());
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            for (ProbeItem item : items) {
                pool.execute(() -> {
                    ProbeConnection.Result r;
                    try {
                        r = ProbeConnection.handshake(ProbeConnection.freshContext(), target, serverName,
                                item.offerOnly());
                    } catch (GeneralSecurityException e) {
                        r = new ProbeConnection.Result(null, new SSLException(e), null, null);
                    }
                    results.put(item, r);
                    progress.step(item.kind().title + " " + item.name() + ": " + verdict(item, r));
                });
            }
            pool.shutdown();
            if (!pool.awaitTermination(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                out.println("probe did not finish within " + DEADLINE_SECONDS + " s; unfinished items are not listed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
        return results;
    }

    private static boolean accepted(ProbeItem item, ProbeConnection.Result r) {
        return r != null && r.session() != null && item.used().test(r.session());
    }

    private static String verdict(ProbeItem item, ProbeConnection.Result r) {
        if (accepted(item, r)) {
            return "accepted";
        }
        if (r.session() != null) {
            return "not used (the server chose " + r.session().getProtocol() + " " + r.session().getCipherSuite()
                    + ")";
        }
        return r.refused() != null ? "refused (" + r.refused().getMessage() + ")" : "error (" + r.error() + ")";
    }

    private void summary(List<ProbeItem> items, Map<ProbeItem, ProbeConnection.Result> results) {
        out.println();
        for (ProbeItem.Kind kind : ProbeItem.Kind.values()) {
            List<ProbeItem> ofKind = items.stream().filter(i -> i.kind() == kind).toList();
            String accepted = ofKind.stream().filter(i -> accepted(i, results.get(i))).map(ProbeItem::name)
                    .collect(Collectors.joining(", "));
            out.println(String.format("%-22s", kind.title + ":") + (accepted.isEmpty() ? "none" : accepted));
            List<String> errors = ofKind.stream().filter(i -> results.get(i) == null || results.get(i).error() != null)
                    .map(ProbeItem::name).toList();
            if (!errors.isEmpty()) {
                out.println(String.format("%-22s", "  not answered:") + String.join(", ", errors));
            }
        }
    }

    /** What a default handshake offering ALPN shows, and whether a reconnect resumes. */
    private void extensions() {
        SSLContext context;
        try {
            context = ProbeConnection.freshContext();
        } catch (GeneralSecurityException e) {
            return;
        }
        ProbeConnection.Result a = ProbeConnection.handshake(context, target, serverName,
                p -> p.setApplicationProtocols(new String[] {"h2", "http/1.1"}), true);
        if (a.session() == null) {
            return;
        }
        ProbeConnection.Result b = ProbeConnection.handshake(context, target, serverName,
                p -> p.setApplicationProtocols(new String[] {"h2", "http/1.1"}));
        out.println(String.format("%-22s", "ALPN (h2,http/1.1):") + (a.alpn() == null || a.alpn().isEmpty()
                ? "none" : a.alpn()));
        if (a.session() instanceof XtlsSession x) {
            out.println(String.format("%-22s", "extended master:") + (a.session().getProtocol().equals("TLSv1.3")
                    ? "built into TLS 1.3" : x.details().extendedMasterSecret() ? "yes" : "no"));
        }
        out.println(String.format("%-22s", "OCSP staple:")
                + (((ExtendedSSLSession) a.session()).getStatusResponses().isEmpty() ? "no" : "yes"));
        out.println(String.format("%-22s", "resumption:") + (b.session() != null
                && ConnectCommand.resumed(a.session(), b.session()) ? "yes" : "no") + " (" + a.session().getProtocol()
                + ", reconnect right after the handshake)");
    }
}
