#!/usr/bin/env bash
# Voice-to-voice latency over each transport with the local engines: one `parley serve` (throwaway
# data directory, SIP on a loopback port, a trunk allowing 127.0.0.1 and a catch-all rule), then
# one caller at a time over /ws/voice, Twilio Media Streams and SIP (`voice-bench load`), each
# saying the same recorded question (espeak-ng) every QUIET_MS for SECONDS, and timing the end of
# the question to the agent's first audio. Prints each transport's reply p50 / p90 and its
# difference from /ws/voice, and the server's per-stage timeline from the call records.
#
#   Benchmarks/phone-latency.sh               # 90 s per transport (~12 turns), tiny.en
#   SECONDS_PER_RUN=150 Benchmarks/phone-latency.sh
#   TRANSPORTS="sip twilio voice" Benchmarks/phone-latency.sh   # another order
#
# Needs release builds: swift build -c release --product parley; ... --product voice-bench.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${SECONDS_PER_RUN:-90}
quiet_ms=${QUIET_MS:-6000}
bench=.build/release/voice-bench
sip=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
source Benchmarks/bench-server.sh "${PROMPT:-You are a helpful assistant on the telephone. Answer in one short sentence.}"
PARLEY_STT_MODEL=${STT_MODEL:-tiny.en} PARLEY_SIP_PORT=$sip PARLEY_SIP_HOST=127.0.0.1 PARLEY_SIP_RTP_PORTS=41000-41100 \
  "$parley" serve --port "$port" --data-dir "$data" >"$data/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
api() { curl -sf -H "x-api-key: $key" -H 'content-type: application/json' "$@"; }
api -X POST "http://127.0.0.1:$port/sip/trunk" -d '{"trunk_name": "loopback", "allowed_addresses": ["127.0.0.1"]}' >/dev/null
api -X POST "http://127.0.0.1:$port/sip/dispatch" -d "{\"name\": \"all\", \"agent_id\": \"$agent\"}" >/dev/null

# The question, its silences trimmed: the client's end of speech is the end of the file.
espeak-ng -v en-us -s 150 -w "$data/raw.wav" "What is the capital of France?"
sox -D "$data/raw.wav" -r 16000 -c 1 -b 16 "$data/question.wav" silence 1 0.02 1% reverse silence 1 0.02 1% reverse

runs=()
for transport in ${TRANSPORTS:-voice twilio sip}; do
  runs+=("$((${#runs[@]} + 1))-$transport")
  "$bench" load --port "$port" --api-key "$key" --agent-id "$agent" --server-pid "$server" --sessions 1 --ramp 1 \
    --seconds "$seconds" --quiet-ms "$quiet_ms" --speech "$data/question.wav" --transport "$transport" --sip-port "$sip" \
    >"$data/load-${runs[-1]}.json"
done

python3 - "$data" "$key" "$port" "${runs[@]}" <<'PY'
import json, sys, urllib.request
data, key, port, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
def get(path):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"x-api-key": key})
    return json.load(urllib.request.urlopen(request))
def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")
loads = {run: json.load(open(f"{data}/load-{run}.json")) for run in runs}
base = next((d["replyLatencyMs"]["p50"] for run, d in loads.items() if run.endswith("-voice")), None)
print(f"{'run':10} {'turns':>5} {'replies':>7} {'missed':>6} {'p50 ms':>7} {'p90 ms':>7} {'vs /ws/voice':>12}")
for run, d in loads.items():
    r = d["replyLatencyMs"]
    delta = "" if run.endswith("-voice") or base is None or r["p50"] is None else f"{r['p50'] - base:+.0f} ms"
    print(f"{run:10} {d['turns']:5} {d['replies']:7} {d['missedReplies']:6} {r['p50']!s:>7} {r['p90']!s:>7} {delta:>12}")
calls = get("/api/dashboard/calls?limit=10")
calls = calls.get("calls", calls.get("data", []))
print("\ncalls: " + ", ".join(f"{c.get('transport')} {c.get('status')} ({c.get('duration_seconds', c.get('ended_at'))})" for c in calls))
print(f"\n{'server stage (ms after end of speech), p50':46} " + " ".join(f"{c.get('transport', '?'):>10}" for c in calls))
stages = {}
for call in calls:
    record = get(f"/api/dashboard/calls/{call['id']}")
    turns = [t["latency"] for t in record.get("transcript", record.get("turns", [])) if t.get("latency")]
    for key_ in ["transcript_ms", "first_token_ms", "first_audio_ms", "first_byte_sent_ms"]:
        stages.setdefault(key_, []).append(pct([t[key_] for t in turns if t.get(key_) is not None], 50))
for key_, values in stages.items():
    print(f"{key_:46} " + " ".join(f"{v:10.0f}" for v in values))
PY
