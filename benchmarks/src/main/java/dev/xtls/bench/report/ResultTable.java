package dev.xtls.bench.report;

import dev.xtls.bench.HandshakeBenchmark;
import dev.xtls.bench.Impl;
import dev.xtls.bench.KeyExchangeLimitBenchmark;
import dev.xtls.bench.ResumedBy;
import dev.xtls.bench.Suite;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Prints one Markdown table from a results directory: JMH's {@code *.json} files ({@code -rf json}) and the
 * {@code footprint-IMPL.txt} files of {@link dev.xtls.bench.Footprint}. Rows are benchmarks; columns SunJSSE,
 * BCJSSE, Conscrypt and Xtls, each value with its JMH error (99.9 % confidence) and its ratio to SunJSSE; the last
 * column is the physical limit measured in the same run. Then the targets, each marked met or missed.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.xtls.bench.report.ResultTable RESULTS_DIR...}: one table per
 * directory, i.e. per JDK ({@code benchmarks/run.sh} writes one directory per JDK).
 */
public final class ResultTable {
    private static final String BULK = "BulkBenchmark.transfer";
    private static final String HANDSHAKE = "HandshakeBenchmark.handshake";
    private static final String RESUMED_BY_ID = "ResumptionBenchmark.byId";
    private static final String RESUMED_BY_TICKET = "ResumptionBenchmark.byTicket";
    private static final String CIPHER = "CipherLimitBenchmark.sealOpen";
    private static final String KEX = "KeyExchangeLimitBenchmark.handshakeCrypto";
    private static final String ALLOC = "gc.alloc.rate.norm";
    private static final String TLS12 = "TLSv1.2";
    private static final String TLS13 = "TLSv1.3";

    private final List<Result> results = new ArrayList<>();
    private final Map<Impl, Properties> footprints = new java.util.EnumMap<>(Impl.class);
    private final Set<String> settings = new LinkedHashSet<>();
    private final List<String> targets = new ArrayList<>();
    private String jvm = "unknown JVM";

    /** One JMH result: score and error, plus the secondary metrics (scores only matter here). */
    record Result(String benchmark, Map<String, Object> params, double score, double error,
            Map<String, Object> secondary) {

        String param(String name) {
            Object v = params.get(name);
            return v == null ? null : v.toString();
        }

        Value secondary(String name) {
            Map<String, Object> m = Json.object(secondary.get(name));
            return new Value(Json.number(m.get("score")), Json.number(m.get("scoreError")));
        }
    }

    /** A measured value and its error; NaN when absent. */
    record Value(double v, double err) {
        static final Value NONE = new Value(Double.NaN, Double.NaN);

        boolean present() {
            return !Double.isNaN(v);
        }

        Value times(double f) {
            return new Value(v * f, err * f);
        }
    }

    /** The value a result's param has when a query does not name it: rows are TLS 1.2, tuned, one thread, heap. */
    private static final Map<String, String> DEFAULT_PARAMS = Map.of("protocol", TLS12, "config", "tuned",
            "threads", "1", "buffers", "heap");

    public static void main(String[] args) throws IOException {
        List<String> dirs = args.length > 0 ? List.of(args) : List.of("benchmarks/results");
        for (int i = 0; i < dirs.size(); i++) {
            ResultTable t = new ResultTable();
            t.load(Path.of(dirs.get(i)));
            System.out.print((i > 0 ? "\n" : "") + t.render());
        }
    }

    void load(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".json")) {
                    loadJmh(f);
                } else if (name.startsWith("footprint-") && name.endsWith(".txt")) {
                    Properties p = new Properties();
                    try (Reader r = Files.newBufferedReader(f)) {
                        p.load(r);
                    }
                    if (p.getProperty("impl") != null && p.getProperty("retainedPerPair") != null) {
                        footprints.put(Impl.valueOf(p.getProperty("impl")), p);
                    }
                }
            }
        }
    }

    private void loadJmh(Path f) throws IOException {
        Object root = Json.parse(Files.readString(f));
        if (!(root instanceof List<?> list)) {
            return;
        }
        for (Object o : list) {
            Map<String, Object> r = Json.object(o);
            String full = String.valueOf(r.get("benchmark"));
            String[] parts = full.split("\\.");
            String shortName = parts[parts.length - 2] + "." + parts[parts.length - 1];
            Map<String, Object> primary = Json.object(r.get("primaryMetric"));
            Map<String, Object> params = new java.util.HashMap<>(Json.object(r.get("params")));
            params.put("threads", Long.toString((long) Json.number(r.get("threads"))));
            results.add(new Result(shortName, params, Json.number(primary.get("score")),
                    Json.number(primary.get("scoreError")), Json.object(r.get("secondaryMetrics"))));
            jvm = "JDK " + r.get("jdkVersion") + " (" + r.get("vmName") + " " + r.get("vmVersion") + ")";
            settings.add(String.format(Locale.ROOT, "%s: %d fork, warm-up %.0f × %s, measurement %.0f × %s",
                    parts[parts.length - 2], (long) Json.number(r.get("forks")),
                    Json.number(r.get("warmupIterations")), r.get("warmupTime"),
                    Json.number(r.get("measurementIterations")), r.get("measurementTime")));
        }
    }

    /** The result of {@code benchmark} with these params; a param not named has its {@link #DEFAULT_PARAMS} value. */
    private Result find(String benchmark, String... keyValues) {
        List<String> given = List.of(keyValues);
        outer:
        for (Result r : results) {
            if (!r.benchmark.equals(benchmark)) {
                continue;
            }
            for (Map.Entry<String, String> d : DEFAULT_PARAMS.entrySet()) {
                if (!given.contains(d.getKey()) && r.param(d.getKey()) != null
                        && !d.getValue().equals(r.param(d.getKey()))) {
                    continue outer;
                }
            }
            for (int k = 0; k < keyValues.length; k += 2) {
                if (!keyValues[k + 1].equals(r.param(keyValues[k]))) {
                    continue outer;
                }
            }
            return r;
        }
        return null;
    }

    Value primary(String benchmark, String... keyValues) {
        Result r = find(benchmark, keyValues);
        return r == null ? Value.NONE : new Value(r.score, r.error);
    }

    private Value alloc(String benchmark, String... keyValues) {
        Result r = find(benchmark, keyValues);
        return r == null ? Value.NONE : r.secondary(ALLOC);
    }

    private Value footprint(Impl impl, String key) {
        Properties p = footprints.get(impl);
        String v = p == null ? null : p.getProperty(key);
        return v == null ? Value.NONE : new Value(Double.parseDouble(v.trim()), Double.NaN);
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("Xtls benchmarks, ").append(LocalDate.now()).append(": ").append(jvm).append(", ")
                .append(cpuModel()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores. TLS 1.2 unless a row says TLS 1.3, both ends the same implementation, two SSLEngines in memory.\n");
        for (String s : settings) {
            out.append("JMH ").append(s).append('\n');
        }
        out.append('\n');
        out.append("| benchmark | unit |");
        for (Impl impl : Impl.values()) {
            out.append(' ').append(impl.label()).append(" |");
        }
        out.append(" physical limit (same run) |\n|---|---|");
        for (int i = 0; i < Impl.values().length; i++) {
            out.append("---:|");
        }
        out.append("---|\n");

        section(out, "Bulk, one way: an application write wrapped and unwrapped (MB = 10⁶ B)");
        for (Suite suite : Suite.values()) {
            for (int size : new int[] {16384, 1024}) {
                double mb = size / 1e6;
                Value[] v = perImpl(impl -> primary(BULK, "impl", impl.name(), "suite", suite.name(), "size",
                        Integer.toString(size)).times(mb));
                Value limit = primary(CIPHER, "suite", suite.name(), "size", Integer.toString(size)).times(mb);
                String limitCell = limit.present()
                        ? "raw " + suite.label() + " seal+open " + fmt(limit) + percentOf(v[Impl.XTLS.ordinal()],
                        limit)
                        : "";
                row(out, suite.label() + ", " + (size / 1024) + " KiB writes", "MB/s", v, limitCell);
                if (suite == Suite.AES_128_GCM && size == 16384) {
                    target(v[Impl.XTLS.ordinal()].present() && limit.present(),
                            v[Impl.XTLS.ordinal()].v >= 0.95 * limit.v,
                            "bulk 16 KiB ≥ 95 % of the raw cipher limit", v[Impl.XTLS.ordinal()], limit);
                }
                if (size == 1024) {
                    target(v[Impl.XTLS.ordinal()].present() && v[Impl.SUN.ordinal()].present(),
                            v[Impl.XTLS.ordinal()].v >= 1.3 * v[Impl.SUN.ordinal()].v,
                            "bulk 1 KiB " + suite.label() + " ≥ 1.3× SunJSSE", v[Impl.XTLS.ordinal()],
                            v[Impl.SUN.ordinal()]);
                }
            }
        }

        section(out, "Full handshakes (new engines, handshake, close_notify both ways; verified full and on the group)");
        for (HandshakeBenchmark.Config c : HandshakeBenchmark.Config.values()) {
            Value[] v = perImpl(impl -> primary(HANDSHAKE, "impl", impl.name(), "cert", c.name()));
            KeyExchangeLimitBenchmark.Pair pair = KeyExchangeLimitBenchmark.Pair.valueOf(c.name());
            Value jdk = primary(KEX, "pair", pair.name(), "crypto", "JDK");
            Value bcEcdh = primary(KEX, "pair", pair.name(), "crypto", "BC_ECDH");
            Value bc = primary(KEX, "pair", pair.name(), "crypto", "BC");
            String limitCell = jdk.present() || bc.present()
                    ? "public-key ops alone: JDK " + fmt(jdk) + "; BC ECDH + JDK signatures (as Xtls) " + fmt(bcEcdh)
                    + "; all BC " + fmt(bc) : "";
            row(out, handshakeLabel(c), "handshakes/s", v, limitCell);
            target(v[Impl.XTLS.ordinal()].present() && v[Impl.SUN.ordinal()].present(),
                    v[Impl.XTLS.ordinal()].v >= 2.5 * v[Impl.SUN.ordinal()].v,
                    "full handshakes " + handshakeLabel(c) + " ≥ 2.5× SunJSSE", v[Impl.XTLS.ordinal()],
                    v[Impl.SUN.ordinal()]);
        }

        section(out, "Resumed handshakes (new engines resume the set-up's session, close_notify both ways; how, verified on"
                + " the wire)");
        for (ResumedBy by : List.of(ResumedBy.ID, ResumedBy.TICKET)) {
            Value[] v = perImpl(impl -> primary(by == ResumedBy.ID ? RESUMED_BY_ID : RESUMED_BY_TICKET, "impl",
                    impl.name()));
            String how = by == ResumedBy.ID ? "by session ID (tickets off at both ends)"
                    : "by RFC 5077 ticket (the server cannot resume by ID)";
            row(out, "ECDHE-ECDSA P-256 session, resumed " + how, "handshakes/s", v, by == ResumedBy.ID ? ""
                    : "BCJSSE has no tickets; Conscrypt not measured (its BoringSSL session cache cannot be bypassed)");
            target(v[Impl.XTLS.ordinal()].present() && v[Impl.SUN.ordinal()].present(),
                    v[Impl.XTLS.ordinal()].v >= 1.5 * v[Impl.SUN.ordinal()].v,
                    "resumed handshakes " + how + " ≥ 1.5× SunJSSE", v[Impl.XTLS.ordinal()],
                    v[Impl.SUN.ordinal()]);
        }

        renderTls13(out);
        new UserConfigRows(this).render(out);

        section(out, "Memory (ECDSA P-256, AES-128-GCM)");
        Value[] retained = perImpl(impl -> footprint(impl, "retainedPerPair").times(1 / 1024.0));
        row(out, "retained heap per idle connection (client + server engine)", "KiB", retained,
                "Conscrypt: Java heap only, BoringSSL's state is native");
        row(out, "… of which stays in session caches after the engines are dropped", "KiB",
                perImpl(impl -> footprint(impl, "cachePerPair").times(1 / 1024.0)), "", false);
        target(retained[Impl.XTLS.ordinal()].present() && retained[Impl.SUN.ordinal()].present(),
                retained[Impl.XTLS.ordinal()].v <= 0.5 * retained[Impl.SUN.ordinal()].v,
                "retained heap per idle connection ≤ ½ SunJSSE", retained[Impl.XTLS.ordinal()],
                retained[Impl.SUN.ordinal()]);
        for (Suite suite : Suite.values()) {
            Value[] v = perImpl(impl -> alloc(BULK, "impl", impl.name(), "suite", suite.name(), "size", "16384"));
            row(out, "allocated per 16 KiB record, both ends (-prof gc), " + suite.label(), "B", v, "");
            if (suite == Suite.AES_128_GCM) {
                Value x = v[Impl.XTLS.ordinal()];
                target(x.present(), x.v < 64, "< 64 B allocated per 16 KiB record (both ends, AES-128-GCM)", x,
                        null);
            }
        }
        row(out, "allocated per 16 KiB record, sealing end, AES-128-GCM", "B",
                perImpl(impl -> footprint(impl, "sealAllocPerRecord")), "");
        row(out, "allocated per 16 KiB record, opening end, AES-128-GCM", "B",
                perImpl(impl -> footprint(impl, "openAllocPerRecord")), "");

        out.append("\nn/a: Conscrypt 2.5.2 has no API to choose the key exchange group (BoringSSL picks x25519), so it has no"
                + " secp256r1 figure. Its server finds no certificate through the JDK's key managers with PKIX, on"
                + " TLS 1.3 or through SSLServerSocket, so it has no such figures, nor 2-thread full handshakes"
                + " (see run.sh). Errors are JMH's 99.9 % confidence intervals; memory figures are single"
                + " measurements.\n");
        out.append("\nTargets for Xtls (issues 5 and 13):\n\n");
        for (String t : targets) {
            out.append("- ").append(t).append('\n');
        }
        return out.toString();
    }

    /** TLS 1.3 rows (SunJSSE and Xtls): bulk against the same raw AEAD, full handshakes, resumption by PSK. */
    private void renderTls13(StringBuilder out) {
        section(out, "TLS 1.3 (same methods and checks; full: no pre_shared_key in the ServerHello, resumed: with it)");
        for (Suite suite : Suite.values()) {
            for (int size : new int[] {16384, 1024}) {
                double mb = size / 1e6;
                Value[] v = perImpl(impl -> primary(BULK, "impl", impl.name(), "suite", suite.name(), "size",
                        Integer.toString(size), "protocol", TLS13).times(mb));
                Value limit = primary(CIPHER, "suite", suite.name(), "size", Integer.toString(size)).times(mb);
                Value x = v[Impl.XTLS.ordinal()];
                row(out, "TLS 1.3 bulk " + suite.label() + ", " + (size / 1024) + " KiB writes", "MB/s", v,
                        limit.present() ? "raw seal+open " + fmt(limit) + percentOf(x, limit) : "");
                if (suite == Suite.AES_128_GCM) {
                    target(x.present() && limit.present(), x.v >= 0.95 * limit.v, "TLS 1.3 bulk " + (size / 1024)
                            + " KiB ≥ 95 % of the raw cipher limit", x, limit);
                }
            }
        }
        for (HandshakeBenchmark.Config c : HandshakeBenchmark.Config.values()) {
            Value[] v = perImpl(impl -> primary(HANDSHAKE, "impl", impl.name(), "cert", c.name(), "protocol", TLS13));
            if (v[Impl.XTLS.ordinal()].present()) {
                row(out, "TLS 1.3 full handshake, " + handshakeLabel(c), "handshakes/s", v, "");
                ratioTarget("TLS 1.3 full handshakes " + handshakeLabel(c), v);
            }
        }
        Value[] v = perImpl(impl -> primary(RESUMED_BY_TICKET, "impl", impl.name(), "protocol", TLS13));
        row(out, "TLS 1.3 resumed by PSK from a ticket (the server cannot resume by ID)", "handshakes/s", v, "");
        ratioTarget("TLS 1.3 resumed handshakes (PSK)", v);
    }

    private void ratioTarget(String what, Value[] v) {
        target(v[Impl.XTLS.ordinal()].present() && v[Impl.SUN.ordinal()].present(),
                v[Impl.XTLS.ordinal()].v >= 2.5 * v[Impl.SUN.ordinal()].v, what + " ≥ 2.5× SunJSSE TLS 1.3",
                v[Impl.XTLS.ordinal()], v[Impl.SUN.ordinal()]);
    }

    static String handshakeLabel(HandshakeBenchmark.Config c) {
        return switch (c) {
            case ECDSA_P256_X25519 -> "ECDHE-ECDSA P-256 cert, x25519";
            case ECDSA_P256_SECP256R1 -> "ECDHE-ECDSA P-256 cert, secp256r1";
            case RSA2048_X25519 -> "ECDHE-RSA 2048 cert, x25519";
        };
    }

    interface PerImpl {
        Value of(Impl impl);
    }

    static Value[] perImpl(PerImpl f) {
        Value[] v = new Value[Impl.values().length];
        for (Impl impl : Impl.values()) {
            v[impl.ordinal()] = f.of(impl);
        }
        return v;
    }

    static void section(StringBuilder out, String title) {
        out.append("| **").append(title).append("** | |");
        for (int i = 0; i < Impl.values().length; i++) {
            out.append(" |");
        }
        out.append(" |\n");
    }

    static void row(StringBuilder out, String label, String unit, Value[] v, String limit) {
        row(out, label, unit, v, limit, true);
    }

    static void row(StringBuilder out, String label, String unit, Value[] v, String limit,
            boolean ratios) {
        Value sun = v[Impl.SUN.ordinal()];
        out.append("| ").append(label).append(" | ").append(unit).append(" |");
        for (Impl impl : Impl.values()) {
            Value x = v[impl.ordinal()];
            out.append(' ');
            if (!x.present()) {
                out.append("n/a");
            } else {
                out.append(fmt(x));
                if (ratios && impl != Impl.SUN && sun.present() && sun.v != 0) {
                    out.append(String.format(Locale.ROOT, " (%.2f×)", x.v / sun.v));
                }
            }
            out.append(" |");
        }
        out.append(' ').append(limit).append(" |\n");
    }

    void target(boolean measured, boolean met, String what, Value xtls, Value reference) {
        String numbers = !measured ? "not measured"
                : "Xtls " + fmt(xtls) + (reference == null ? "" : " against " + fmt(reference)
                + String.format(Locale.ROOT, " (%.3f×)", xtls.v / reference.v));
        targets.add((measured ? (met ? "**met**: " : "**missed**: ") : "") + what + " — " + numbers);
    }

    static String percentOf(Value x, Value limit) {
        return x.present() ? String.format(Locale.ROOT, " (Xtls at %.0f %%)", 100 * x.v / limit.v) : "";
    }

    static String fmt(Value x) {
        if (!x.present()) {
            return "n/a";
        }
        String v = number(x.v);
        return Double.isNaN(x.err) ? v : v + " ± " + number(x.err);
    }

    private static String number(double d) {
        double a = Math.abs(d);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", d);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", d);
        }
        return String.format(Locale.ROOT, "%.2f", d);
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }
}
