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
exec scripts/with-postgres.sh swift test "$@"
