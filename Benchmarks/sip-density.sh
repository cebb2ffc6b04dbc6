#!/usr/bin/env bash
# Density of SIP calls: how many concurrent calls one server keeps on its 20 ms RTP clock, with
# the engines replaced by instant in-process doubles (voice-bench only). For each N a fresh
# `voice-bench serve --sip-port` (release, loopback, a trunk allowing 127.0.0.1 and a catch-all
# rule) takes N SIPp callers (`-l N -r RATE`) that stream speech (µ-law, looped) and hold the call
# for the ramp plus SECONDS_PER_RUN. Over the steady window it samples the server's CPU
# (/proc/PID/stat) and RSS, and reads `parley_rtp_send_lateness` (how late each of Parley's RTP
# packets left, against its 20 ms grid) from /metrics at both ends of it, and again at the end
# (the whole run: set-up and hang-ups too).
#
#   Benchmarks/sip-density.sh                    # N = 100 300 500, 20 s each
#   COUNTS="300" SECONDS_PER_RUN=30 Benchmarks/sip-density.sh
#
# SIPp runs on the same machine and competes for the same cores; its CPU is reported too.
set -euo pipefail
cd "$(dirname "$0")/.."

SCRATCH=${SCRATCH:-/tmp/build-density}
COUNTS=${COUNTS:-"100 300 500"}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-20}
RATE=${RATE:-50}
PORT=${PORT:-18189}
OUT_DIR=${OUT_DIR:-$(mktemp -d /tmp/sip-density.XXXXXX)}
mkdir -p "$OUT_DIR"

hard=$(ulimit -Hn)
if [ "$hard" = unlimited ] || [ "$hard" -gt 65536 ]; then hard=65536; fi
ulimit -n "$hard"

if [ "${BUILD:-1}" = 1 ]; then
    PKG_CONFIG_PATH=${PKG_CONFIG_PATH:-$HOME/.cache/parley/pkgconfig} \
        swift build -c release --scratch-path "$SCRATCH" --product voice-bench >&2
fi
BIN="$SCRATCH/release/voice-bench"

audio="$OUT_DIR/speech.ulaw"
espeak-ng -w "$OUT_DIR/speech.wav" "Hello, I would like to know when the shop opens tomorrow morning, and whether I need to book." 
sox -D "$OUT_DIR/speech.wav" -r 8000 -c 1 -t ul "$audio" pad 0 1
sed "s|@AUDIO@|$audio|" Benchmarks/sip/uac_load.xml >"$OUT_DIR/uac_load.xml"

SERVER=""
SIPP=""
cleanup() {
    for pid in $SIPP $SERVER; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

run=0
for N in $COUNTS; do
    run=$((run + 1))
    http=$((PORT + run)); sip=$((PORT + 100 + run)); sipp_port=$((PORT + 200 + run))
    "$BIN" serve --port "$http" --sip-port "$sip" --rtp-base $((30000 + 2000 * run)) >"$OUT_DIR/serve-$N.json" 2>"$OUT_DIR/serve-$N.log" &
    SERVER=$!
    for _ in $(seq 1 300); do [ -s "$OUT_DIR/serve-$N.json" ] && break; sleep 0.1; done
    sleep 1
    base_rss=$(rss_kib "$SERVER")
    ramp=$(( (N + RATE - 1) / RATE ))
    hold_ms=$(( (ramp + SECONDS_PER_RUN + 3) * 1000 ))
    sipp -sf "$OUT_DIR/uac_load.xml" -i 127.0.0.1 -p "$sipp_port" -mp $((40000 + 2000 * run)) \
        -l "$N" -r "$RATE" -m "$N" -d "$hold_ms" -nostdin -timeout $((hold_ms / 1000 + 60))s \
        -trace_stat -stf "$OUT_DIR/sipp-$N.csv" -fd 1 127.0.0.1:"$sip" >"$OUT_DIR/sipp-$N.log" 2>&1 &
    SIPP=$!
    sleep $((ramp + 1))
    curl -s "http://127.0.0.1:$http/metrics" >"$OUT_DIR/metrics-$N-start.txt"
    t0=$(date +%s.%N); c0=$(cpu_ticks "$SERVER"); s0=$(cpu_ticks "$SIPP"); peak=0
    for _ in $(seq 1 "$SECONDS_PER_RUN"); do
        sleep 1
        r=$(rss_kib "$SERVER"); [ "$r" -gt "$peak" ] && peak=$r
    done
    t1=$(date +%s.%N); c1=$(cpu_ticks "$SERVER"); s1=$(cpu_ticks "$SIPP")
    curl -s "http://127.0.0.1:$http/metrics" >"$OUT_DIR/metrics-$N-steady.txt"
    dialogs=$(curl -s "http://127.0.0.1:$http/metrics" | awk '/^parley_sip_media / {print $2}')
    status=0; wait "$SIPP" || status=$?
    SIPP=""
    curl -s "http://127.0.0.1:$http/metrics" >"$OUT_DIR/metrics-$N.txt"
    PYTHONPATH=Benchmarks python3 - "$N" "$t0" "$t1" "$c0" "$c1" "$s0" "$s1" "$base_rss" "$peak" "$status" "$dialogs" "$OUT_DIR/metrics-$N.txt" "$OUT_DIR/sipp-$N.csv" <<'PY' | tee "$OUT_DIR/result-$N.json"
import json, os, sys
from lateness import quantiles
n, t0, t1, c0, c1, s0, s1, base, peak, status, media, metrics, stats = sys.argv[1:]
hz = os.sysconf("SC_CLK_TCK")
wall = float(t1) - float(t0)
late = quantiles(metrics, "parley_rtp_send_lateness")
steady = quantiles(metrics.replace(".txt", "-steady.txt"), "parley_rtp_send_lateness", since=metrics.replace(".txt", "-start.txt"))
rows = [l.strip().split(";") for l in open(stats) if l.strip()]
successful = failed = None
if len(rows) >= 2:
    head, last = rows[0], rows[-1]
    successful = int(last[head.index("SuccessfulCall(C)")]); failed = int(last[head.index("FailedCall(C)")])
print(json.dumps({
    "calls": int(n), "sippExit": int(status), "successful": successful, "failed": failed, "mediaOpenInWindow": media,
    "serverCores": round((int(c1) - int(c0)) / hz / wall, 3), "sippCores": round((int(s1) - int(s0)) / hz / wall, 3),
    "serverCPUmsPerCallSecond": round((int(c1) - int(c0)) / hz / wall / int(n) * 1000, 3),
    "rssBaseMiB": round(int(base) / 1024, 1), "rssPeakMiB": round(int(peak) / 1024, 1),
    "MiBPerCall": round((int(peak) - int(base)) / 1024 / int(n), 3),
    "packets": late["count"], "latenessP50ms": late["p50"], "latenessP99ms": late["p99"], "latenessP999ms": late["p99.9"],
    "steadyPackets": steady["count"], "steadyLatenessP50ms": steady["p50"], "steadyLatenessP99ms": steady["p99"], "steadyLatenessP999ms": steady["p99.9"],
}))
PY
    kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
    SERVER=""
done
echo "results in $OUT_DIR" >&2
