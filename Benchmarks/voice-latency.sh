#!/usr/bin/env bash
# Voice-to-voice latency over /ws/voice with the local engines: starts `parley serve` on a
# throwaway data directory and loopback port, holds one call of N turns with `parley call` (each
# line spoken by Piper in real time), then reads the call record's per-stage timeline.
#
#   Benchmarks/voice-latency.sh [TURNS] [STT_MODEL]     (defaults: 20, tiny.en)
#   BARGE_IN_MS=600 SENSITIVITY=1 Benchmarks/voice-latency.sh 20
#   SILENCE_MS=150 Benchmarks/voice-latency.sh 20      (the agent's silence_threshold_ms)
#   PROMPT="Answer every question with one whole sentence." Benchmarks/voice-latency.sh 20
#
# With BARGE_IN_MS, each line after the first is said over the reply to the one before, that long
# after the reply's first audio, the agent tells long stories, and `parley call` times each
# barge-in from the first voiced frame of the line to `audioStop` (at the agent's
# interruption_sensitivity, SENSITIVITY, default 1).
#
# Prints, over the turns: the client's latency (end of the line's speech → first audio frame
# received) and the server's stages from the end of speech (transcript, first LLM token, first
# TTS audio, first byte sent), p50 and p95, and how often the agent's playback ran dry between two
# pieces of a reply (a piece that arrived after the one before it had played out). Needs a release build (swift build -c release).
set -euo pipefail
cd "$(dirname "$0")/.."
turns=${1:-20}
stt=${2:-tiny.en}
source Benchmarks/bench-server.sh "${PROMPT:-You are a helpful assistant. Answer in one short sentence.}"
log=$data/server.log
call_options=()
PARLEY_STT_MODEL=$stt "$parley" serve --port "$port" --data-dir "$data" >"$log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
if [[ -n ${SILENCE_MS:-} ]]; then
  curl -sf -X PATCH -H "x-api-key: $key" -H 'content-type: application/json' \
    -d "{\"silence_threshold_ms\": $SILENCE_MS}" "http://127.0.0.1:$port/api/dashboard/agents/$agent" >/dev/null
fi
if [[ -n ${BARGE_IN_MS:-} ]]; then
  curl -sf -X PATCH -H "x-api-key: $key" -H 'content-type: application/json' \
    -d "{\"interruption_sensitivity\": ${SENSITIVITY:-1}, \"system_prompt\": \"You tell long stories. Answer every question with a story of at least ten sentences.\"}" \
    "http://127.0.0.1:$port/api/dashboard/agents/$agent" >/dev/null
  call_options=(--barge-in "$BARGE_IN_MS")
fi

questions=("What is the capital of France?" "How many legs does a spider have?" "What color is the sky?"
  "Name a large animal." "What is two plus two?" "Which planet is the largest?" "What do bees make?"
  "How many days are in a week?" "What is the opposite of hot?" "Where do penguins live?")
args=()
for i in $(seq "$turns"); do args+=(--say "${questions[$(((i - 1) % ${#questions[@]}))]}"); done
out=$data/call.txt
"$parley" call --url "http://127.0.0.1:$port" --api-key "$key" --agent "$agent" "${call_options[@]}" "${args[@]}" | tee "$out" || true # a line without a reply (exit 2) still leaves the others to count
call=$(grep -o 'call [0-9a-f-]\{36\}' "$out" | head -1 | cut -d' ' -f2)
curl -sf -H "x-api-key: $key" "http://127.0.0.1:$port/api/dashboard/calls/$call" >"$data/call.json"

python3 - "$out" "$data/call.json" <<'PY'
import json, re, sys
def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")
printed = open(sys.argv[1]).read()
client = [float(m) for m in re.findall(r"first audio (\d+) ms", printed)]
gaps = [float(m) for m in re.findall(r"playback ran dry for (\d+) ms", printed)]
record = json.load(open(sys.argv[2]))
turns = [t["latency"] for t in record.get("transcript", record.get("turns", [])) if t.get("latency")]
print(f"\n{len(client)} turns answered")
print(f"{'stage (ms after end of speech)':34} {'p50':>6} {'p95':>6}")
print(f"{'client: first audio received':34} {pct(client, 50):6.0f} {pct(client, 95):6.0f}")
for key in ["transcript_ms", "first_token_ms", "first_audio_ms", "first_byte_sent_ms"]:
    values = [t[key] for t in turns if t.get(key) is not None]
    print(f"{'server: ' + key:34} {pct(values, 50):6.0f} {pct(values, 95):6.0f}")
print(f"playback ran dry between pieces {len(gaps)} times, {sum(gaps):.0f} ms in all" + (f", longest {max(gaps):.0f} ms" if gaps else ""))
PY
