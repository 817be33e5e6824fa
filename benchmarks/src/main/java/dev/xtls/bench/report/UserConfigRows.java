package dev.xtls.bench.report;

import dev.xtls.bench.HandshakeBenchmark;
import dev.xtls.bench.Impl;
import dev.xtls.bench.report.ResultTable.Value;
import java.util.List;
import java.util.Locale;

/**
 * The rows of issue 13: handshakes and resumptions in the default configurations, direct buffers through the
 * engine, sockets, HTTP, and scaling from one thread to two; with the targets. Rows without results are
 * left out, so a partial run still renders.
 */
final class UserConfigRows {
    private static final String HANDSHAKE = "HandshakeBenchmark.handshake";
    private static final String BY_ID = "ResumptionBenchmark.byId";
    private static final String BY_TICKET = "ResumptionBenchmark.byTicket";
    private static final String BULK = "BulkBenchmark.transfer";
    private static final String CIPHER = "CipherLimitBenchmark.sealOpen";
    private static final String KEX = "KeyExchangeLimitBenchmark.handshakeCrypto";
    private static final String SOCKET_BULK = "SocketBulkBenchmark.write";
    private static final String SOCKET_HANDSHAKE = "SocketHandshakeBenchmark.connect";
    private static final String HTTP = "HttpBenchmark.get";
    private static final List<String> DEFAULT_CONFIGS = List.of("defaults-sunx509", "defaults-pkix");
    private static final List<String> PROTOCOLS = List.of("TLSv1.2", "TLSv1.3");
    private static final int X = Impl.XTLS.ordinal();
    private static final int SUN = Impl.SUN.ordinal();
    private static final int BC = Impl.BC.ordinal();

    private final ResultTable t;

    UserConfigRows(ResultTable t) {
        this.t = t;
    }

    void render(StringBuilder out) {
        defaults(out);
        directBuffers(out);
        sockets(out);
        http(out);
        scaling(out);
    }

    /** Full and resumed handshakes with no group restriction, the key store from PKCS#12 and default managers. */
    private void defaults(StringBuilder out) {
        ResultTable.section(out, "Defaults: no group restriction, PKCS#12 key store loaded, default key manager"
                + " (SunX509 or PKIX; BCJSSE its own PKIX), PKIX trust manager");
        for (String config : DEFAULT_CONFIGS) {
            for (String protocol : PROTOCOLS) {
                for (HandshakeBenchmark.Config c : List.of(HandshakeBenchmark.Config.ECDSA_P256_X25519,
                        HandshakeBenchmark.Config.RSA2048_X25519)) {
                    Value[] v = ResultTable.perImpl(impl -> t.primary(HANDSHAKE, "impl", impl.name(), "cert",
                            c.name(), "config", config, "protocol", protocol));
                    if (!v[X].present()) {
                        continue;
                    }
                    String what = protocol + " " + config + " full handshake, " + ResultTable.handshakeLabel(c);
                    Value floor = t.primary(KEX, "pair", c.name(), "crypto", "BC_ECDH");
                    ResultTable.row(out, what, "handshakes/s", v, floor.present() ? "public-key ops alone (as Xtls) "
                            + ResultTable.fmt(floor) + ResultTable.percentOf(v[X], floor) : "");
                    boolean tls12 = "TLSv1.2".equals(protocol); // the floor and BCJSSE: TLS 1.2 only
                    if (c == HandshakeBenchmark.Config.RSA2048_X25519 && tls12) {
                        t.target(floor.present(), v[X].v() >= 0.9 * floor.v(),
                                what + " within 90 % of the public-key floor", v[X], floor);
                    } else if (c != HandshakeBenchmark.Config.RSA2048_X25519) {
                        ratio(what, v, SUN, 2.5);
                        if (tls12) {
                            ratio(what, v, BC, 1.3);
                        }
                    }
                }
                for (String benchmark : List.of(BY_ID, BY_TICKET)) {
                    Value[] v = ResultTable.perImpl(impl -> t.primary(benchmark, "impl", impl.name(), "config",
                            config, "protocol", protocol));
                    if (v[X].present()) {
                        String what = protocol + " " + config + " resumed " + (benchmark.equals(BY_ID) ? "by session ID"
                                : "TLSv1.2".equals(protocol) ? "by RFC 5077 ticket" : "by PSK from a ticket");
                        ResultTable.row(out, what + ", ECDSA P-256 session", "handshakes/s", v, "");
                        ratio(what, v, SUN, 1.5);
                    }
                }
            }
        }
    }

    /** AES-128-GCM through direct ByteBuffers (what Netty passes), against the raw cipher and heap buffers. */
    private void directBuffers(StringBuilder out) {
        ResultTable.section(out, "Direct ByteBuffers through the engine (AES-128-GCM; ratio to SunJSSE direct)");
        for (String protocol : PROTOCOLS) {
            for (int size : new int[] {16384, 1024}) {
                double mb = size / 1e6;
                String s = Integer.toString(size);
                Value[] v = ResultTable.perImpl(impl -> t.primary(BULK, "impl", impl.name(), "suite", "AES_128_GCM",
                        "size", s, "protocol", protocol, "buffers", "direct").times(mb));
                if (!v[X].present()) {
                    continue;
                }
                Value limit = t.primary(CIPHER, "suite", "AES_128_GCM", "size", s).times(mb);
                Value heap = t.primary(BULK, "impl", "XTLS", "suite", "AES_128_GCM", "size", s, "protocol",
                        protocol).times(mb);
                String what = protocol + " bulk AES-128-GCM, " + (size / 1024) + " KiB writes, direct buffers";
                ResultTable.row(out, what, "MB/s", v, (limit.present() ? "raw seal+open " + ResultTable.fmt(limit)
                        + ResultTable.percentOf(v[X], limit) + "; " : "") + "Xtls heap " + ResultTable.fmt(heap));
                if (size == 16384) {
                    t.target(limit.present(), v[X].v() >= 0.95 * limit.v(), what + " ≥ 95 % of the raw cipher limit",
                            v[X], limit);
                    t.target(heap.present(), v[X].v() >= 0.95 * heap.v(), what + " as fast as heap (≥ 95 %)", v[X],
                            heap);
                } else {
                    ratio(what, v, SUN, 1.3);
                }
            }
        }
    }

    /** SSLSocket bulk and handshakes through an SSLServerSocket, over loopback. */
    private void sockets(StringBuilder out) {
        ResultTable.section(out, "Sockets over loopback (SSLSocket and SSLServerSocket, defaults-sunx509,"
                + " AES-128-GCM, ECDSA P-256)");
        for (String protocol : PROTOCOLS) {
            for (int size : new int[] {16384, 1024}) {
                Value[] v = ResultTable.perImpl(impl -> t.primary(SOCKET_BULK, "impl", impl.name(), "size",
                        Integer.toString(size), "protocol", protocol, "config", "defaults-sunx509")
                        .times(size / 1e6));
                if (v[X].present()) {
                    ResultTable.row(out, protocol + " SSLSocket bulk, " + (size / 1024) + " KiB writes", "MB/s", v,
                            "");
                }
            }
            Value[] v = ResultTable.perImpl(impl -> t.primary(SOCKET_HANDSHAKE, "impl", impl.name(), "protocol",
                    protocol, "config", "defaults-sunx509"));
            if (v[X].present()) {
                ResultTable.row(out, protocol + " full handshakes through SSLServerSocket (new connection each)",
                        "handshakes/s", v, "");
            }
        }
    }

    /** HTTPS requests per second, JDK HttpsServer, the same implementation at both ends. */
    private void http(StringBuilder out) {
        ResultTable.section(out, "HTTP/1.1 GET against the JDK HttpsServer, same implementation at both ends"
                + " (TLS 1.3, defaults-sunx509)");
        for (String client : List.of("HttpClient", "HttpsURLConnection")) {
            for (String connection : List.of("close", "keep-alive")) {
                Value[] v = ResultTable.perImpl(impl -> t.primary(HTTP, "impl", impl.name(), "client", client,
                        "connection", connection, "protocol", "TLSv1.3", "config", "defaults-sunx509"));
                if (!v[X].present()) {
                    continue;
                }
                String what = client + ", " + (connection.equals("close") ? "new connection per request"
                        : "keep-alive");
                ResultTable.row(out, what, "requests/s", v, "");
                ratio("HTTP " + what, v, SUN, connection.equals("close") ? 2.0 : 1.0);
            }
        }
    }

    /** Handshakes per second with 2 threads on one shared context pair, against 1 thread: no lock shared by all. */
    private void scaling(StringBuilder out) {
        ResultTable.section(out, "Scaling: the same benchmark with 2 threads on one shared context pair (JMH -t 2)");
        String[][] cases = {{HANDSHAKE, "full handshakes, ECDHE-ECDSA P-256, x25519"},
                {BY_ID, "resumed by session ID"}, {BY_TICKET, "resumed by RFC 5077 ticket"}};
        for (String[] c : cases) {
            for (String threads : List.of("1", "2")) {
                Value[] v = ResultTable.perImpl(impl -> threaded(c[0], impl, threads));
                if (v[X].present()) {
                    ResultTable.row(out, "TLSv1.2 " + c[1] + ", " + threads + " thread(s)", "handshakes/s", v, "");
                }
            }
            Value[] ratio = ResultTable.perImpl(impl -> {
                Value one = threaded(c[0], impl, "1");
                Value two = threaded(c[0], impl, "2");
                return one.present() && two.present() ? new Value(two.v() / one.v(), Double.NaN) : Value.NONE;
            });
            if (ratio[X].present()) {
                ResultTable.row(out, "… 2-thread / 1-thread ratio (2 cores)", "×", ratio, "", false);
            }
        }
    }

    /** The tuned TLS 1.2 result of {@code benchmark} (ECDSA P-256, x25519) with {@code threads} threads. */
    private Value threaded(String benchmark, Impl impl, String threads) {
        return benchmark.equals(HANDSHAKE)
                ? t.primary(HANDSHAKE, "impl", impl.name(), "cert", "ECDSA_P256_X25519", "threads", threads)
                : t.primary(benchmark, "impl", impl.name(), "threads", threads);
    }

    private void ratio(String what, Value[] v, int reference, double factor) {
        Impl ref = Impl.values()[reference];
        t.target(v[X].present() && v[reference].present(), v[X].v() >= factor * v[reference].v(),
                String.format(Locale.ROOT, "%s ≥ %s× %s", what, factor, ref.label()), v[X], v[reference]);
    }
}
