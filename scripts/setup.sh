#!/usr/bin/env bash
# Installs what Parley's scripts and tests need; a quick no-op when everything is present.
# Safe to run or to source: it works in a subshell and exports nothing.

parley_setup() (
  set -euo pipefail

  local cache="${PARLEY_HOME:-$HOME/.cache/parley}"
  local venv="$cache/venv"
  local livekit_api_version=1.2.2
  local twilio_version=9.13.0
  local selenium_version=4.51.0
  # chromium, chromium-driver and a font: the browser the web console's tests drive.
  local apt_packages=(libsqlite3-dev postgresql wrk python3-venv python3-pip curl ca-certificates espeak-ng sox sip-tester baresip-core chromium chromium-driver fonts-dejavu-core)

  local missing=() p
  for p in "${apt_packages[@]}"; do
    # `dpkg -s` also succeeds for removed-but-not-purged packages, so read the status word.
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q ' installed$' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    local sudo=()
    ((EUID == 0)) || sudo=(sudo)
    echo "setup: installing ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi

  # Debian's python, not whatever python3 is first on PATH, so a fresh CI machine behaves the same.
  if ! "$venv/bin/python" -c '' 2>/dev/null; then
    echo "setup: creating Python venv $venv"
    mkdir -p "$cache"
    /usr/bin/python3 -m venv --clear "$venv"
  fi

  # The reference peers of the tests: LiveKit's token verifier, Twilio's request signatures,
  # selenium for the browser.
  if ! "$venv/bin/python" - "$livekit_api_version" "$twilio_version" "$selenium_version" 2>/dev/null <<'PY'
import sys, importlib.metadata as m
import livekit.api, twilio.request_validator, selenium.webdriver
sys.exit(m.version("livekit-api") != sys.argv[1] or m.version("twilio") != sys.argv[2] or m.version("selenium") != sys.argv[3])
PY
  then
    echo "setup: installing livekit-api==$livekit_api_version twilio==$twilio_version selenium==$selenium_version"
    "$venv/bin/python" -m pip install -q "livekit-api==$livekit_api_version" "twilio==$twilio_version" "selenium==$selenium_version"
  fi

  # The local speech and language engines and their models (minutes the first time, then a no-op).
  "$(dirname "${BASH_SOURCE[0]}")/install-engines.sh"
)

parley_setup "$@"
_parley_setup_status=$?
unset -f parley_setup
# `return` when sourced, `exit` when run.
# shellcheck disable=SC2317
return "$_parley_setup_status" 2>/dev/null || exit "$_parley_setup_status"
