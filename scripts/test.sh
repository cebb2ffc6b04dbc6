#!/usr/bin/env bash
# Builds and runs the whole test suite against a throwaway PostgreSQL. Extra arguments go to
# `swift test` (e.g. scripts/test.sh --filter ParleyStorageTests).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
command -v swift >/dev/null || PATH=/opt/swift/usr/bin:$PATH

# The engines' pkg-config files (scripts/install-engines.sh).
export PKG_CONFIG_PATH="${PARLEY_HOME:-$HOME/.cache/parley}/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
swift build --build-tests

export PARLEY_TEST_PYTHON="${PARLEY_HOME:-$HOME/.cache/parley}/venv/bin/python"
export PARLEY_TEST_PEERS_DIR="$PWD/Tests/peers"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
scripts/with-postgres.sh swift test "$@" 2>&1 | tee "$log" || status=$?
# The whole suite (no arguments) also fuzzes the SIP, SDP and RTP parsers for a minute (scripts/fuzz.sh).
if (($# == 0)); then scripts/fuzz.sh 60 || status=$?; fi
# One plain closing line, whatever symbol Swift Testing closes with (✔, or ━ with known issues).
summary=$(grep -Eo 'Test run with [0-9]+ tests?' "$log" | tail -n 1 | grep -Eo '[0-9]+' || true)
((status != 0)) || echo "${summary:-0} passed, 0 failed"
exit "$status"
