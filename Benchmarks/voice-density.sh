#!/usr/bin/env bash
# Density of /ws/voice: how many concurrent sessions one server keeps real-time, with the engines
# replaced by instant in-process doubles (voice-bench only). For each N a fresh `voice-bench serve`
# (release, SQLite in a temporary directory, loopback) takes N `voice-bench load` callers for
# SECONDS_PER_RUN seconds of steady state; `load` samples the server's CPU (/proc/PID/stat) and RSS
# (/proc/PID/status) over that window and prints one JSON line, collected in $OUT_DIR.
#
#   Benchmarks/voice-density.sh                 # N = 10 50 100 200 500, 20 s each, MP3 replies
#   COUNTS="500 750" FORMAT=pcm16 Benchmarks/voice-density.sh
#   TRANSPORT=twilio Benchmarks/voice-density.sh   # Twilio Media Streams callers of /ws/twilio/stream
#   TRANSPORT=sip Benchmarks/voice-density.sh      # SIP callers (INVITE, RTP both ways, BYE)
#
# After each N it keeps the server's /metrics: how late the paced 20 ms frames went out
# (parley_twilio_send_lateness, parley_rtp_send_lateness), read by Benchmarks/lateness.py.
#
# The load runs on the same machine and competes for the same cores; its CPU is reported too.
set -euo pipefail
cd "$(dirname "$0")/.."

SCRATCH=${SCRATCH:-/tmp/build-density}
COUNTS=${COUNTS:-"10 50 100 200 500"}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-20}
FORMAT=${FORMAT:-mp3}
TRANSPORT=${TRANSPORT:-voice}
PORT=${PORT:-18089}
OUT_DIR=${OUT_DIR:-$(mktemp -d /tmp/voice-density.XXXXXX)}
mkdir -p "$OUT_DIR"

# Two sockets per session (both ends are on this machine) plus the store and the runtime.
hard=$(ulimit -Hn)
if [ "$hard" = unlimited ] || [ "$hard" -gt 65536 ]; then hard=65536; fi
ulimit -n "$hard"

if [ "${BUILD:-1}" = 1 ]; then
    PKG_CONFIG_PATH=${PKG_CONFIG_PATH:-$HOME/.cache/parley/pkgconfig} \
        swift build -c release --scratch-path "$SCRATCH" --product voice-bench >&2
fi
BIN="$SCRATCH/release/voice-bench"

SERVER=""
cleanup() { if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi; }
trap cleanup EXIT

run=0
for N in $COUNTS; do
    run=$((run + 1))
    port=$((PORT + run))
    serve_args=(); load_args=()
    if [ "$TRANSPORT" = sip ]; then
        sip=$((PORT + 100 + run))
        serve_args=(--sip-port "$sip" --rtp-base $((30000 + 2000 * run)))
        load_args=(--sip-port "$sip")
    fi
    "$BIN" serve --port "$port" "${serve_args[@]}" >"$OUT_DIR/serve-$N.json" 2>"$OUT_DIR/serve-$N.log" &
    SERVER=$!
    for _ in $(seq 1 300); do
        [ -s "$OUT_DIR/serve-$N.json" ] && break
        sleep 0.1
    done
    sleep 0.5 # the line comes just before the server binds
    read -r key agent data < <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["apiKey"], d["agentId"], d["data"])' "$OUT_DIR/serve-$N.json")
    echo "N=$N: server pid $SERVER on port $port" >&2
    "$BIN" load --port "$port" --api-key "$key" --agent-id "$agent" --server-pid "$SERVER" \
        --sessions "$N" --seconds "$SECONDS_PER_RUN" --audio-format "$FORMAT" --transport "$TRANSPORT" "${load_args[@]}" | tee "$OUT_DIR/load-$N.json" >&2
    curl -s "http://127.0.0.1:$port/metrics" >"$OUT_DIR/metrics-$N.txt" || true
    kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
    SERVER=""
    case "$data" in /tmp/voice-bench-*) rm -rf "$data" ;; esac
done

PYTHONPATH=Benchmarks python3 - "$OUT_DIR" "$TRANSPORT" $COUNTS <<'PY'
import json, sys
from lateness import quantiles
out, transport, counts = sys.argv[1], sys.argv[2], sys.argv[3:]
paced = {"sip": "parley_rtp_send_lateness", "twilio": "parley_twilio_send_lateness"}.get(transport)
print(f"results in {out}")
print("| N | done/failed/early | server cores | server CPU ms per session-s | server RSS base→peak MiB | MiB/session | reply p50 / p99 / max ms | replies / missed | send lag p99 / max ms | server lateness p50 / p99 / p99.9 ms | client cores |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for n in counts:
    d = json.load(open(f"{out}/load-{n}.json"))
    r, l = d["replyLatencyMs"], d["sendLagMs"]
    fails = len(d["failures"]) and d["sessions"] - d["completed"] - d["endedEarly"]
    q = quantiles(f"{out}/metrics-{n}.txt", paced) if paced else None
    late = f'{q["p50"]} / {q["p99"]} / {q["p99.9"]}' if q else "-"
    print(f'| {n} | {d["completed"]}/{fails}/{d["endedEarly"]} | {d["serverCores"]:.2f} | {d["serverCPUPerSessionSecond"]*1000:.2f} ms | '
          f'{d["serverBaselineRSSMiB"]:.0f}→{d["serverPeakRSSMiB"]:.0f} | {d["serverMiBPerSession"]:.2f} | '
          f'{r["p50"]} / {r["p99"]} / {r["max"]} | {d["replies"]} / {d["missedReplies"]} | {l["p99"]} / {l["max"]} | {late} | {d["clientCores"]:.2f} |')
PY
