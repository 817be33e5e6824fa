#!/usr/bin/env bash
# Fuzzes every Jazzer target (src/test/java/dev/xtls/fuzz) for MINUTES each, one after another, and prints each
# target's last libFuzzer status line (executions, coverage, corpus, exec/s). Run from the repository root:
#   provider/fuzz.sh 5                        (all targets)
#   provider/fuzz.sh 5 EngineFuzzTest#client  (some)
# New corpus entries go to provider/.cifuzz-corpus (not committed); a crash is written to
# src/test/resources/dev/xtls/fuzz/<Class>Inputs/<method>/ where the regular build replays it.
set -euo pipefail
minutes=${1:?usage: provider/fuzz.sh MINUTES [Class#method ...]}
shift
cd "$(dirname "$0")/.."
targets=(DecoderFuzzTest#decoders RecordFramingFuzzTest#frames RecordProtectionFuzzTest#open
         TicketFuzzTest#tickets EngineFuzzTest#server EngineFuzzTest#client)
if [ $# -gt 0 ]; then
  targets=("$@")
fi
mkdir -p provider/target/fuzz
status=0
for t in "${targets[@]}"; do
  log=provider/target/fuzz/${t/\#/.}.log
  # jazzer.internal.arg.* are libFuzzer's argv (argv[0] first); they set the time instead of @FuzzTest's maxDuration
  JAZZER_FUZZ=1 mvn -B -pl provider test -Dtest="$t" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time=$((minutes * 60)) >"$log" 2>&1 \
      || status=1
  printf '%-32s %s\n' "$t" "$(grep -E '^#[0-9]+' "$log" | tail -1)"
  grep -E '^== Java Exception|^Caused by|FuzzTest.*(FAIL|ERROR)' "$log" | head -5 || true
done
exit $status
