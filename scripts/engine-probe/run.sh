#!/usr/bin/env bash
# Builds the engine probe against $PARLEY_HOME (run scripts/install-engines.sh first) and runs it
# on speech made with espeak-ng: whisper tiny.en and base, Silero VAD, Piper through sherpa-onnx.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export PARLEY_HOME="${PARLEY_HOME:-$HOME/.cache/parley}"
export PKG_CONFIG_PATH="$PARLEY_HOME/pkgconfig"
for tool in espeak-ng sox; do
  command -v "$tool" >/dev/null || { echo "engine-probe: needs $tool (apt-get install $tool)" >&2; exit 1; }
done

audio="$(mktemp -d)"
trap 'rm -rf "$audio"' EXIT
# espeak-ng writes 22.05 kHz; whisper and Silero want 16 kHz mono.
speak() { espeak-ng -v en-us -w "$audio/$1.22k.wav" "$2" && sox "$audio/$1.22k.wav" -r 16000 -c 1 -b 16 "$audio/$1.wav"; }
speak utterance "Please book a table for two at seven o'clock tonight."
speak question "Can you hear me now?"
sox -n -r 16000 -c 1 -b 16 "$audio/silence.wav" trim 0 1
sox "$audio"/{silence,utterance,silence,question,silence}.wav "$audio/vad.wav"

# Its own scratch path, outside any other package's .build.
scratch="${TMPDIR:-/tmp}/parley-engine-probe-build"
swift build -c release --scratch-path "$scratch"
"$scratch/release/engine-probe" "$audio/utterance.wav" "$audio/vad.wav"
