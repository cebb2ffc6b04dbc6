# Sourced by the benchmarks that run a real `parley serve` (voice-latency.sh, phone-latency.sh):
# a throwaway data directory and loopback port, cleaned up on exit, and an organisation `bench`
# with a key ($key), an agent ($agent, prompted with $1) and credits.
parley=.build/release/parley
data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
server=""
cleanup() {
  [[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$data"
}
trap cleanup EXIT

key=$("$parley" keys create --org bench --data-dir "$data" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["api_key"])')
agent=$("$parley" agents create --org bench --name Bench --data-dir "$data" --prompt "$1" --json |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
"$parley" credits grant --org bench --amount 1000 --data-dir "$data" >/dev/null
