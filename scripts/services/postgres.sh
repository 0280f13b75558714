#!/usr/bin/env bash
# PostgreSQL 15 from Debian's package, in a cluster of our own under .services/postgres on
# 127.0.0.1:${POSTGRES_PORT:-5432}, with role and database `events` (password `events`):
#   DATABASE_URL=postgres://events:events@127.0.0.1:5432/events
# PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user.
#   scripts/services/postgres.sh up|down|status|kill|restart
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="${SERVICES_DIR:-$root/.services}/postgres"
port="${POSTGRES_PORT:-5432}"

# As root the server runs as `postgres`, which must reach the data folder. A checkout under
# a folder only root may enter (mode 700) would stop it, so the cluster then lives in
# postgres' own home, one per checkout.
# The nearest folder that exists already decides it (on a first `up` .services/ does not).
reachable="$dir"
while [ ! -e "$reachable" ]; do reachable="$(dirname "$reachable")"; done
if [ "$(id -u)" -eq 0 ] && id postgres >/dev/null 2>&1 && ! runuser -u postgres -- test -x "$reachable" 2>/dev/null; then
  dir="/var/lib/postgresql/event-systems-$(printf '%s' "$root" | md5sum | cut -c1-8)"
fi
data="$dir/data"

install() {
  ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 && return
  if [ "$(id -u)" -ne 0 ]; then
    echo "postgres: PostgreSQL is missing; install it (Debian: apt-get install postgresql)" >&2
    exit 1
  fi
  echo "postgres: installing postgresql (apt)" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
}

bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

running() { pg_isready -q -h 127.0.0.1 -p "$port" 2>/dev/null; }

init_cluster() {
  [ -f "$data/PG_VERSION" ] && return
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
  as_owner "$(bin)/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
}

create_database() {
  local psql=(psql -h "$dir" -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtA)
  if [ "$(as_owner "${psql[@]}" -c "select 1 from pg_roles where rolname = 'events'")" != 1 ]; then
    as_owner "${psql[@]}" -c "create role events login password 'events' createdb"
    as_owner "${psql[@]}" -c "create database events owner events"
  fi
}

up() {
  install
  if running; then
    echo "postgres: already up on 127.0.0.1:$port"
    return
  fi
  init_cluster
  # The socket goes in our folder too: /var/run/postgresql may not exist or be writable.
  as_owner "$(bin)/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir" start >/dev/null
  create_database
  echo "postgres: up on 127.0.0.1:$port (pid $(head -n 1 "$data/postmaster.pid"))"
}

down() {
  if [ -f "$data/postmaster.pid" ]; then
    as_owner "$(bin)/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null || true
  fi
  echo "postgres: stopped"
}

status() {
  if running; then
    echo "postgres: running on 127.0.0.1:$port"
  else
    echo "postgres: stopped"
    return 3
  fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  kill) [ -f "$data/postmaster.pid" ] && kill -9 "$(head -n 1 "$data/postmaster.pid")" 2>/dev/null; echo "postgres: killed" ;;
  restart) down; up ;;
  *) echo "usage: $0 up|down|status|kill|restart" >&2; exit 2 ;;
esac
