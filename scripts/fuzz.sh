#!/usr/bin/env bash
# Builds the libFuzzer target of Fuzz/ (SIP, SDP and RTP parsing and the SIP state machine) with
# the fuzzer and address sanitizers and runs it for a bounded time: scripts/fuzz.sh [seconds]
# (default 60). Fails when the fuzzer finds a crash, a leak or a failed check; the input that did
# it is kept under the artifacts folder and named in the output. Reproduce with
# `<fuzzer binary> <that file>` (an input is one or more datagrams, two zero bytes between them;
# the fuzzer also keeps one state machine from input to input, so a rare failure may need the
# inputs before it: rerun with the same -seed=). New inputs go to a throwaway corpus, not Fuzz/corpus.
#   PARLEY_FUZZ_CONFIGURATION  debug (default: builds in a quarter of the time, as CI wants) or
#                              release (runs about 2.5 times faster, for long runs)
#   PARLEY_FUZZ_BUILD          build folder (default Fuzz/.build)
#   PARLEY_FUZZ_OUT            where failing inputs are kept (default $PARLEY_FUZZ_BUILD/artifacts)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
command -v swift >/dev/null || PATH=/opt/swift/usr/bin:$PATH
# The main package's engines resolve through pkg-config even when only Telephony is built.
export PKG_CONFIG_PATH="${PARLEY_HOME:-$HOME/.cache/parley}/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"

configuration="${PARLEY_FUZZ_CONFIGURATION:-debug}"
build="${PARLEY_FUZZ_BUILD:-$PWD/Fuzz/.build}"
artifacts="${PARLEY_FUZZ_OUT:-$build/artifacts}"
flags=(-c "$configuration" --package-path Fuzz --scratch-path "$build" -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)

echo "fuzz: building Fuzz/ ($configuration, -sanitize=fuzzer,address)"
# SwiftPM keeps its build plan for the main package (a path dependency here) until Fuzz/'s own
# manifest changes, so a source file added there since the last fuzz build goes uncompiled.
# Planning again takes seconds; what was compiled stays.
rm -f "$build/$configuration.yaml" "$build/$configuration/description.json"
swift build "${flags[@]}" --product TelephonyFuzzer
fuzzer="$(swift build "${flags[@]}" --show-bin-path)/TelephonyFuzzer"

mkdir -p "$artifacts"
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
# A failed check is a trap, which libFuzzer reports and saves; Swift's own crash backtracer would
# instead stall under the address sanitizer.
export SWIFT_BACKTRACE=enable=no
log="$artifacts/fuzz.log"
echo "fuzz: running $fuzzer for ${seconds}s (its output: $log)"
status=0
# The first corpus folder takes what the run finds; Fuzz/corpus only seeds it.
"$fuzzer" "$corpus" Fuzz/corpus \
    -dict=Fuzz/sip.dict \
    -max_len=4096 \
    -timeout=10 \
    -rss_limit_mb=2048 \
    -max_total_time="$seconds" \
    -print_funcs=0 \
    -print_final_stats=1 \
    -artifact_prefix="$artifacts/" >"$log" 2>&1 || status=$?
if ((status != 0)); then
    # The report: from the failed check or sanitizer error to libFuzzer's naming of the input.
    awk '/Fatal error|ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer)|ALARM: working on the last Unit/ { on = 1 } on' "$log" | head -n 200 >&2
    echo "fuzz: FAILED (exit $status); the input is the 'Test unit written to' above (under $artifacts)" >&2
    exit "$status"
fi
grep -E '^(Done|stat::)' "$log" || true
echo "fuzz: no failure in ${seconds}s"
