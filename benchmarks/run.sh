#!/usr/bin/env bash
# Runs every Xtls benchmark against SunJSSE, BCJSSE and Conscrypt and prints one table (README, "Benchmarks").
#
#   benchmarks/run.sh            full run: about 50 minutes on 2 cores (TLS 1.2 for all four, TLS 1.3 SunJSSE and Xtls)
#   QUICK=1 benchmarks/run.sh    smoke run (about 5 minutes on a quiet machine): checks that everything runs
#   SHORT=1 benchmarks/run.sh    every case with 3 warm-up and 3 measured iterations (about 30 minutes): wider errors
#   SKIP_BUILD=1 ...             reuse benchmarks/target/benchmarks.jar
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java benchmarks/run.sh    the same on another JDK
#
# Results (JMH JSON, footprint files, the table, logs) go to benchmarks/results/ for the default java and to
# benchmarks/results-jdkN/ for a JAVA= of major version N (RESULTS=dir to change): one table per JDK.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/benchmarks.jar"
java="${JAVA:-java}"
jdk="$("$java" -XshowSettings:properties -version 2>&1 | awk '$1 == "java.specification.version" {print $3}')"
results="${RESULTS:-$here/results${JAVA:+-jdk$jdk}}"

if [[ "${SKIP_BUILD:-}" != 1 || ! -f "$jar" ]]; then
  (cd "$root" && mvn -B -q -Pbenchmarks -pl benchmarks -am -DskipTests package)
fi
rm -rf "$results"
mkdir -p "$results"

if [[ "${QUICK:-}" == 1 ]]; then
  timing=(-f 0 -wi 1 -w 200ms -i 1 -r 300ms)            # no fork per case: JVM start-up would dominate
  handshake_timing=("${timing[@]}")
  pairs=100
  lock=(-Djmh.ignoreLock=true)                          # a smoke run may overlap another JMH run on a shared machine
elif [[ "${SHORT:-}" == 1 ]]; then
  timing=(-wi 3 -w 1s -i 3 -r 1s)
  handshake_timing=(-wi 3 -w 2s -i 3 -r 2s)
  pairs=1000
  lock=()
else
  timing=()                                             # the classes' own: 1 fork, 5 × 1 s warm-up, 4 × 1 s
  handshake_timing=()                                   # handshakes 4 × 2 s + 4 × 2 s (resumptions 6 × 2 s warm-up); key exchange 3 × 1 s + 4 × 1 s
  pairs=1000
  lock=()
fi

start=$(date +%s)
load_start="$(cut -d" " -f1-3 /proc/loadavg)"
# QUICK runs each group in one JVM (-f 0), so that JVM gets the system properties the classes' @Fork would set
host_properties() {
  [[ "${QUICK:-}" == 1 ]] || return 0
  local tickets=-Djdk.tls.client.enableSessionTicketExtension=X\ -Djdk.tls.server.enableSessionTicketExtension=X
  case "$1" in
    resumed-ticket*) echo "${tickets//X/true}" ;;
    resumed*) echo "${tickets//X/false}" ;;
    http) echo "-Djdk.httpclient.allowRestrictedHeaders=connection -Dsun.net.http.allowRestrictedHeaders=true \
-Dsun.net.httpserver.nodelay=true" ;;
  esac
}
jmh() {
  local name="$1"; shift
  local host; read -ra host <<< "$(host_properties "$name")"
  echo ">> JMH $name: $*" >&2
  "$java" "${lock[@]}" "${host[@]}" -jar "$jar" "$@" -foe true -rf json -rff "$results/jmh-$name.json" > "$results/jmh-$name.log" 2>&1 \
    || { tail -40 "$results/jmh-$name.log" >&2; failed+=("$name"); [[ "${QUICK:-}" == 1 ]] || exit 1; }
}
failed=()                                               # QUICK goes on past a failing group and lists them at the end

# (benchmark names are regular expressions over the full names: \.BulkBenchmark\. leaves SocketBulkBenchmark out)
# 1. bulk transfer and the raw cipher limit, with allocation per operation; TLS 1.3 for SunJSSE and Xtls; then
#    AES-128-GCM through direct buffers (what Netty passes) for all four
jmh bulk '\.BulkBenchmark\.|CipherLimitBenchmark' -prof gc -p protocol=TLSv1.2 -p buffers=heap "${timing[@]}"
jmh bulk13 '\.BulkBenchmark\.' -prof gc -p impl=SUN,XTLS -p protocol=TLSv1.3 -p buffers=heap "${timing[@]}"
jmh bulk-direct '\.BulkBenchmark\.' -prof gc -p suite=AES_128_GCM -p buffers=direct -p protocol=TLSv1.2 "${timing[@]}"
jmh bulk-direct13 '\.BulkBenchmark\.' -prof gc -p impl=SUN,XTLS -p suite=AES_128_GCM -p buffers=direct \
  -p protocol=TLSv1.3 "${timing[@]}"
# 2. the public-key floor of a handshake, then full handshakes. Conscrypt 2.5.2 cannot be told which group to use
#    (BoringSSL picks x25519), so it runs the two x25519 configurations only. config=tuned restricts the groups;
#    the defaults-* configurations (no restriction: x25519 for all four) run the x25519 cases.
jmh kex 'KeyExchangeLimitBenchmark' "${handshake_timing[@]}"
jmh handshake '\.HandshakeBenchmark\.' -p impl=SUN,BC,XTLS -p config=tuned -p protocol=TLSv1.2 "${handshake_timing[@]}"
jmh handshake-conscrypt '\.HandshakeBenchmark\.' -p impl=CONSCRYPT -p cert=ECDSA_P256_X25519,RSA2048_X25519 \
  -p config=tuned -p protocol=TLSv1.2 "${handshake_timing[@]}"
jmh handshake13 '\.HandshakeBenchmark\.' -p impl=SUN,XTLS -p cert=ECDSA_P256_X25519,RSA2048_X25519 -p config=tuned \
  -p protocol=TLSv1.3 "${handshake_timing[@]}"
# Conscrypt 2.5.2 finds no ECDSA certificate through the JDK's PKIX key manager (BoringSSL NO_SHARED_CIPHER): it
# runs defaults-sunx509 only.
jmh handshake-defaults '\.HandshakeBenchmark\.' -p impl=SUN,BC,CONSCRYPT,XTLS -p cert=ECDSA_P256_X25519,RSA2048_X25519 \
  -p config=defaults-sunx509 -p protocol=TLSv1.2 "${handshake_timing[@]}"
jmh handshake-defaults-pkix '\.HandshakeBenchmark\.' -p impl=SUN,BC,XTLS -p cert=ECDSA_P256_X25519,RSA2048_X25519 \
  -p config=defaults-pkix -p protocol=TLSv1.2 "${handshake_timing[@]}"
jmh handshake13-defaults '\.HandshakeBenchmark\.' -p impl=SUN,XTLS -p cert=ECDSA_P256_X25519,RSA2048_X25519 \
  -p config=defaults-sunx509,defaults-pkix -p protocol=TLSv1.3 "${handshake_timing[@]}"
# 3. resumed handshakes (the set-up's full handshake gives the client its session): by session ID for all four;
#    by ticket for SunJSSE and Xtls (BCJSSE has no tickets; Conscrypt's BoringSSL cache cannot be bypassed). Each
#    mode forks with its own ticket switches (the methods' @Fork).
#    TLS 1.3 resumes by PSK from a ticket only (byTicket), SunJSSE and Xtls.
jmh resumed 'ResumptionBenchmark.byId' -p impl=SUN,BC,CONSCRYPT,XTLS -p protocol=TLSv1.2 \
  -p config=tuned,defaults-sunx509 "${handshake_timing[@]}"
jmh resumed-pkix 'ResumptionBenchmark.byId' -p impl=SUN,BC,XTLS -p protocol=TLSv1.2 -p config=defaults-pkix \
  "${handshake_timing[@]}"
jmh resumed-ticket 'ResumptionBenchmark.byTicket' -p impl=SUN,XTLS -p protocol=TLSv1.2,TLSv1.3 \
  -p config=tuned,defaults-sunx509,defaults-pkix "${handshake_timing[@]}"
# 3b. scaling: the TLS 1.2 tuned ECDSA cases again with 2 threads on one shared context pair (1 thread: above)
# (Conscrypt 2.5.2 is left out of the 2-thread full handshakes: invalidating its cached sessions from two threads
# throws UnsupportedOperationException in SSLSession.invalidate)
jmh handshake-2t '\.HandshakeBenchmark\.' -t 2 -p impl=SUN,BC,XTLS -p cert=ECDSA_P256_X25519 -p config=tuned \
  -p protocol=TLSv1.2 "${handshake_timing[@]}"
jmh resumed-2t 'ResumptionBenchmark.byId' -t 2 -p impl=SUN,BC,CONSCRYPT,XTLS -p protocol=TLSv1.2 -p config=tuned \
  "${handshake_timing[@]}"
jmh resumed-ticket-2t 'ResumptionBenchmark.byTicket' -t 2 -p impl=SUN,XTLS -p protocol=TLSv1.2 -p config=tuned \
  "${handshake_timing[@]}"
# 3c. over loopback: SSLSocket bulk, handshakes through an SSLServerSocket, HTTP against the JDK HttpsServer
#     Conscrypt 2.5.2's SSLServerSocket (TLS 1.2 and 1.3), like its TLS 1.3 engine from createSSLEngine(), finds no
#     certificate through the JDK's key manager here (BoringSSL NO_CERTIFICATE_SET), so it is left out of these.
jmh sockets 'SocketBulkBenchmark|SocketHandshakeBenchmark' -p impl=SUN,BC,XTLS "${timing[@]}"
jmh http 'HttpBenchmark' "${handshake_timing[@]}"
# 4. retained heap per idle connection and allocation per record, one JVM per implementation
for impl in SUN BC CONSCRYPT XTLS; do
  echo ">> footprint $impl ($pairs connections)" >&2
  "$java" -XX:+UseSerialGC -Xmx2g -cp "$jar" dev.xtls.bench.Footprint "$impl" "$pairs" \
    > "$results/footprint-$impl.txt" 2> "$results/footprint-$impl.log" \
    || { tail -40 "$results/footprint-$impl.log" >&2; exit 1; }
done

"$java" -cp "$jar" dev.xtls.bench.report.ResultTable "$results" | tee "$results/table.md"
if (( ${#failed[@]} > 0 )); then
  echo "FAILED groups (see $results/jmh-NAME.log): ${failed[*]}" >&2
  exit 1
fi
# both JDKs' tables at once: java -cp benchmarks/target/benchmarks.jar dev.xtls.bench.report.ResultTable benchmarks/results benchmarks/results-jdk25
echo "(run time: $(( $(date +%s) - start )) s; load average at start $load_start, at end $(cut -d" " -f1-3 /proc/loadavg);\
 results in $results)"
