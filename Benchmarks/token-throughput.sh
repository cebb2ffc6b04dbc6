#!/usr/bin/env bash
# Throughput of POST /v1/chat/voice-sessions (auth, credit check, LiveKit token minting) under
# wrk, against a release build on SQLite and on PostgreSQL. Knobs: BENCH_DURATION (20s),
# BENCH_CONNECTIONS (16), BENCH_STORES ("sqlite postgres").
set -euo pipefail
cd "$(dirname "$0")/.."

parley=$PWD/.build/release/parley
duration=${BENCH_DURATION:-20s}
connections=${BENCH_CONNECTIONS:-16}

free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
json_field() { python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

data='' server_pid=''
# shellcheck disable=SC2317  # invoked by the EXIT trap
stop_server() {
  if [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null; then
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
    # Still our unreaped child, so the PID cannot belong to anyone else yet.
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  [[ -z $data ]] || rm -rf "$data"
}

# Benchmarks one store and appends "store|req/s|p50|p99|non-2xx" to the file $2.
bench_one() {
  local store=$1 results=$2 db=()
  trap stop_server EXIT
  data=$(mktemp -d)
  [[ $store == postgres ]] && db=(--database-url "$PARLEY_TEST_DATABASE_URL")

  local key_json agent_json
  key_json=$("$parley" keys create --org bench --label bench --data-dir "$data" "${db[@]}" --json)
  agent_json=$("$parley" agents create --org bench --name "Bench agent" --prompt "Be brief." \
    --data-dir "$data" "${db[@]}" --json)
  "$parley" credits grant --org bench --amount 1000000000 --data-dir "$data" "${db[@]}" --json >/dev/null
  BENCH_API_KEY=$(json_field api_key <<<"$key_json")
  BENCH_AGENT_ID=$(json_field id <<<"$agent_json")
  export BENCH_API_KEY BENCH_AGENT_ID

  local port
  port=$(free_port)
  PARLEY_RATE_LIMIT_SESSIONS_PER_MINUTE=100000000 PARLEY_RATE_LIMIT_REQUESTS_PER_MINUTE=100000000 \
    PARLEY_LOG_LEVEL=warning \
    "$parley" serve --host 127.0.0.1 --port "$port" --data-dir "$data" "${db[@]}" >"$data/server.log" 2>&1 &
  server_pid=$!

  local base=http://127.0.0.1:$port
  for _ in $(seq 300); do
    curl -fsS -o /dev/null "$base/health" 2>/dev/null && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "bench: the $store server exited:" >&2
      cat "$data/server.log" >&2
      return 1
    fi
    sleep 0.1
  done
  curl -fsS -o /dev/null "$base/health"

  local wrk=(wrk -t2 -c"$connections" -s Benchmarks/voice-session.lua)
  local url=$base/v1/chat/voice-sessions
  echo "== $store: warm-up 5s"
  "${wrk[@]}" -d5s "$url" >/dev/null
  echo "== $store: $duration, $connections connections"
  "${wrk[@]}" -d"$duration" --latency "$url" >"$data/wrk.txt"
  grep -E '^Requests/sec|^ +(50|99)%|^non-2xx|Socket errors' "$data/wrk.txt" || true

  awk -v store="$store" '
    /^Requests\/sec:/ { rps = $2 }
    $1 == "50%" { p50 = $2 }
    $1 == "99%" { p99 = $2 }
    /^non-2xx:/ { bad = $2 }
    END { printf "%s|%s|%s|%s|%s\n", store, rps, p50, p99, bad }
  ' "$data/wrk.txt" >>"$results"
}

# Internal entry point, so that the PostgreSQL run can happen inside scripts/with-postgres.sh.
if [[ ${1:-} == --one ]]; then
  bench_one "$2" "$3"
  exit
fi

scripts/setup.sh
command -v swift >/dev/null || PATH=/opt/swift/usr/bin:$PATH
# The engines' pkg-config files (scripts/install-engines.sh).
export PKG_CONFIG_PATH="${PARLEY_HOME:-$HOME/.cache/parley}/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
swift build -c release

results=$(mktemp)
trap 'rm -f "$results"' EXIT
for store in ${BENCH_STORES:-sqlite postgres}; do
  case $store in
    sqlite) "$0" --one sqlite "$results" ;;
    postgres) scripts/with-postgres.sh "$0" --one postgres "$results" ;;
    *) echo "bench: unknown store $store" >&2; exit 2 ;;
  esac
done

echo
echo "POST /v1/chat/voice-sessions, wrk -t2 -c$connections -d$duration, $(nproc) cores"
echo
echo "| store | req/s | p50 | p99 | non-2xx |"
echo "|---|---:|---:|---:|---:|"
while IFS='|' read -r store rps p50 p99 bad; do
  echo "| $store | $rps | $p50 | $p99 | $bad |"
done <"$results"
