#!/usr/bin/env bash
# Usage: scripts/with-postgres.sh CMD [ARGS...]
# Runs CMD with a throwaway PostgreSQL 15 cluster on 127.0.0.1 and
# PARLEY_TEST_DATABASE_URL=postgres://parley:parley@127.0.0.1:PORT/parley_test exported.
# The cluster and its files are gone when this exits; the exit code is CMD's.
set -euo pipefail

if (($# == 0)); then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

# Debian's server, named explicitly: /usr/local/bin may hold a different pg_ctl.
pg_bin=/usr/lib/postgresql/15/bin
if [[ ! -x $pg_bin/postgres ]]; then
  echo "with-postgres: $pg_bin/postgres not found; run scripts/setup.sh" >&2
  exit 1
fi

# PostgreSQL refuses to run as root, so root runs it as the postgres system user. /tmp rather
# than $TMPDIR: that user must be able to reach the directory.
as_pg=()
((EUID == 0)) && as_pg=(runuser -u postgres --)
tmp=$(mktemp -d /tmp/parley-pg.XXXXXX)
((EUID == 0)) && chown postgres: "$tmp"
data=$tmp/data
started=

# cd first so the server's user never inherits a working directory it cannot read.
pg() { (cd "$tmp" && "${as_pg[@]}" "$pg_bin/$1" "${@:2}"); }

# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
  local status=$?
  if [[ -n $started ]]; then
    pg pg_ctl -D "$data" -m immediate -w stop >/dev/null || ((status)) || status=1
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pg initdb -D "$data" -U postgres -E UTF8 --no-locale --no-sync \
  --auth-local=trust --auth-host=scram-sha-256 >"$tmp/initdb.log" ||
  { cat "$tmp/initdb.log" >&2; exit 1; }
cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$tmp'
fsync = off
synchronous_commit = off
full_page_writes = off
CONF

free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Another process can take the port between choosing and binding it, so try a few.
for _ in 1 2 3; do
  port=$(free_port)
  if pg pg_ctl -D "$data" -l "$tmp/server.log" -o "-p $port" -w -t 60 start >/dev/null; then
    started=1
    break
  fi
done
if [[ -z $started ]]; then
  echo "with-postgres: PostgreSQL did not start:" >&2
  cat "$tmp/server.log" >&2
  exit 1
fi

"$pg_bin/psql" -h "$tmp" -p "$port" -U postgres -d postgres -qX -v ON_ERROR_STOP=1 \
  -c "create role parley login password 'parley'" \
  -c "create database parley_test owner parley" >/dev/null

export PARLEY_TEST_DATABASE_URL="postgres://parley:parley@127.0.0.1:$port/parley_test"
set +e
"$@"
exit $?
