#!/usr/bin/env bash
# Builds Parley (release), creates a demo organisation, API key, agent and credits once per data
# directory (kept in DATA_DIR/demo.env), prints how to reach it and serves.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
command -v swift >/dev/null || PATH=/opt/swift/usr/bin:$PATH
# The engines' pkg-config files (scripts/install-engines.sh).
export PKG_CONFIG_PATH="${PARLEY_HOME:-$HOME/.cache/parley}/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
swift build -c release

parley=.build/release/parley
data_dir=${PARLEY_DATA_DIR:-$PWD/.parley}
host=${PARLEY_HOST:-127.0.0.1}
port=${PARLEY_PORT:-8080}
demo_env=$data_dir/demo.env

json_field() { python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

if [[ ! -f $demo_env ]]; then
  mkdir -p "$data_dir"
  key_json=$("$parley" keys create --org demo --label demo --data-dir "$data_dir" --json)
  agent_json=$("$parley" agents create --org demo --name "Demo agent" \
    --prompt "You are a friendly, concise voice assistant." \
    --greeting "Hello! How can I help you today?" --data-dir "$data_dir" --json)
  "$parley" credits grant --org demo --amount 1000 --data-dir "$data_dir" --json >/dev/null
  # Written whole and then renamed, so a failed bootstrap leaves no half-written file behind.
  (
    umask 077
    {
      echo "PARLEY_DEMO_ORG_ID=$(json_field organization_id <<<"$key_json")"
      echo "PARLEY_DEMO_API_KEY=$(json_field api_key <<<"$key_json")"
      echo "PARLEY_DEMO_AGENT_ID=$(json_field id <<<"$agent_json")"
    } >"$demo_env.tmp"
  )
  chmod 600 "$demo_env.tmp"
  mv "$demo_env.tmp" "$demo_env"
  echo "Created demo organisation, key, agent and 1000 credits in $data_dir"
fi
# shellcheck source=/dev/null
source "$demo_env"

url_host=$host
[[ $host == 0.0.0.0 || $host == "::" ]] && url_host=127.0.0.1
base="http://$url_host:$port"
key=$PARLEY_DEMO_API_KEY
agent=$PARLEY_DEMO_AGENT_ID
cat <<MSG

Parley at $base (data in $data_dir)
  API key:  $key
  agent id: $agent

  Web console: open $base/ and sign in with the key above.

  Talk to the agent (Piper speaks your lines, the agent answers; add --save DIR for its audio):
  $parley call --url $base --api-key $key --agent $agent \\
    --say "What is the capital of France?" --say "And how many people live there?"

  WebSocket voice API (seed 002): ws://$url_host:$port/ws/voice?api_key=$key&agent_id=$agent

  curl -s $base/health
  curl -s -H 'x-api-key: $key' $base/api/dashboard/agents
  curl -s -X POST -H 'x-api-key: $key' -H 'content-type: application/json' \\
    -d '{"agent_id": "$agent"}' $base/v1/chat/voice-sessions
  curl -s -X POST -H 'x-api-key: $key' -H 'content-type: application/json' \\
    -d '{"workspace_id": "$PARLEY_DEMO_ORG_ID", "agent_id": "$agent", "chat_id": "demo-chat"}' $base/token

MSG

exec "$parley" serve --host "$host" --port "$port" --data-dir "$data_dir"
