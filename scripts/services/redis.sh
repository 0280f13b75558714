#!/usr/bin/env bash
# Redis 7 from Debian's package, run by us (not the system service) with its data, log and
# pid under .services/redis, on 127.0.0.1:${REDIS_PORT:-6379}, append-only file on so that
# acknowledged stream entries survive a restart.
#   scripts/services/redis.sh up|down|status|kill|restart
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="${SERVICES_DIR:-$root/.services}/redis"
port="${REDIS_PORT:-6379}"
pidfile="$dir/redis.pid"

install() {
  command -v redis-server >/dev/null && return
  if [ "$(id -u)" -ne 0 ]; then
    echo "redis: redis-server is missing; install it (Debian: apt-get install redis-server)" >&2
    exit 1
  fi
  echo "redis: installing redis-server (apt)" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
  # The package starts a system instance on 6379; we run our own.
  (service redis-server stop || true) >/dev/null 2>&1
}

running() { redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; }

up() {
  install
  if running; then
    echo "redis: already up on 127.0.0.1:$port"
    return
  fi
  mkdir -p "$dir"
  redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --daemonize yes \
    --pidfile "$pidfile" --logfile "$dir/redis.log" --appendonly yes --save ''
  for _ in $(seq 1 100); do
    if running; then
      echo "redis: up on 127.0.0.1:$port (pid $(cat "$pidfile"))"
      return
    fi
    sleep 0.1
  done
  echo "redis: did not answer PING within 10 s; last log lines:" >&2
  tail -n 30 "$dir/redis.log" >&2
  exit 1
}

down() {
  if running; then redis-cli -h 127.0.0.1 -p "$port" shutdown >/dev/null 2>&1 || true; fi
  for _ in $(seq 1 100); do running || break; sleep 0.1; done
  rm -f "$pidfile"
  echo "redis: stopped"
}

status() {
  if running; then
    echo "redis: running on 127.0.0.1:$port"
  else
    echo "redis: stopped"
    return 3
  fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  kill) [ -f "$pidfile" ] && kill -9 "$(cat "$pidfile")" 2>/dev/null; rm -f "$pidfile"; echo "redis: killed" ;;
  restart) down; up ;;
  *) echo "usage: $0 up|down|status|kill|restart" >&2; exit 2 ;;
esac
