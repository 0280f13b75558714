#!/usr/bin/env bash
# Local MongoDB for development and tests, without Docker:
#
#   scripts/services/mongo.sh up|down|status|kill|restart
#
# Runs a MongoDB wire-protocol server (mongo-java-server, from Maven Central) on
# 127.0.0.1:$MONGO_PORT (default 27017) with its data in one H2 file, through the launcher in
# services/mongo/Launcher.java. It announces MongoDB 6.0 and, like a standalone mongod, has no
# sessions, transactions or change streams. Users of the real thing get MongoDB from
# docker-compose.yml instead.
#
#   up       start in the background (or reuse the running one) and wait until a write and a
#            read go through; prints "mongo: up on 127.0.0.1:27017 (pid N)"
#   down     stop cleanly (SIGTERM, then SIGKILL after 20 s)
#   status   one line; exit 0 when running, 3 when stopped
#   kill     SIGKILL, for crash tests (acknowledged writes must survive it)
#   restart  down, then up
#
# Environment: MONGO_PORT (27017), SERVICES_DIR (<repo>/.services), MONGO_JAVA_OPTS (JVM
# options, default below), MONGO_UP_TIMEOUT (seconds `up` waits, 60).
# Everything generated lives in $SERVICES_DIR/mongo: libs/ (jars), classes/ (the compiled
# launcher), data/mongo.mv.db, logs/server.log (and server.log.1, the previous run's), mongo.pid.
# Needs a JDK (17) and, for the first `up` only, Maven with access to Maven Central.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
src_dir="$root/services/mongo"
services_dir="${SERVICES_DIR:-$root/.services}"
state_dir="$services_dir/mongo"
libs_dir="$state_dir/libs"
classes_dir="$state_dir/classes"
log_dir="$state_dir/logs"
log_file="$log_dir/server.log"
data_file="$state_dir/data/mongo.mv.db"
pid_file="$state_dir/mongo.pid"
lock_file="$state_dir/.lock"

# Loopback only: this server has no authentication.
host=127.0.0.1
port="${MONGO_PORT:-27017}"
up_timeout="${MONGO_UP_TIMEOUT:-60}"
stop_timeout=20
# Serial GC and a small heap keep the idle footprint low (G1 would size itself to the
# machine); the test data sets are small. Override with MONGO_JAVA_OPTS.
java_opts="${MONGO_JAVA_OPTS:--Xms32m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k}"

say() { echo "mongo: $*"; }
die() { echo "mongo: $*" >&2; exit 1; }

usage() {
  echo "usage: $0 up|down|status|kill|restart" >&2
  exit 2
}

require_tools() {
  command -v java >/dev/null 2>&1 || die "java not found (JDK 17 is needed: apt-get install openjdk-17-jdk-headless)"
  command -v javac >/dev/null 2>&1 || die "javac not found (a JDK, not only a JRE, is needed: apt-get install openjdk-17-jdk-headless)"
}

cmdline_of() {
  tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true
}

# Whether pid $1 is the server of this state dir: the launcher serving our data file (on any
# port). The command line is checked, not only the pid file, so a pid number reused by
# another process is never taken for the server.
is_our_server() {
  alive "$1" && [[ "$(cmdline_of "$1")" == *" Launcher "*" $data_file "* ]]
}

# The pid of the server of this state dir, else nothing. One data file has one server at a
# time (H2 locks the file), whatever MONGO_PORT says now. When the pid file is gone, the
# process is found by its command line (it names our data file), so down/status still work.
running_pid() {
  local pid="" dir
  if [[ -f "$pid_file" ]]; then
    pid="$(cat "$pid_file" 2>/dev/null || true)"
  fi
  if [[ "$pid" =~ ^[0-9]+$ ]] && is_our_server "$pid"; then
    echo "$pid"
    return 0
  fi
  # One grep over all command lines; then the exact check on the few that name the file.
  for dir in $(grep -lsF "$data_file" /proc/[0-9]*/cmdline 2>/dev/null || true); do
    pid="${dir#/proc/}"
    pid="${pid%/cmdline}"
    if is_our_server "$pid"; then
      echo "$pid" >"$pid_file"
      echo "$pid"
      return 0
    fi
  done
}

# The port the running server (pid $1) was started on.
port_of() {
  cmdline_of "$1" | awk '{ for (i = 1; i < NF; i++) if ($i == "Launcher") { print $(i + 2); exit } }'
}

# kill -0 alone also succeeds for a zombie, which a container whose pid 1 reaps nothing keeps.
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  local state
  state="$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null || true)"
  [[ -n "$state" && "$state" != Z ]]
}

port_in_use() {
  # bash's /dev/tcp: no dependency on nc or ss.
  (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
}

# Copies the jars named in services/mongo/pom.xml from Maven Central (through ~/.m2) into
# libs/, unless the jars there were copied from this very pom (a checksum is kept beside them).
fetch_libs() {
  local sum stamp="$libs_dir/.pom.sha256" tmp
  sum="$(sha256sum "$src_dir/pom.xml" | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$sum" ]] && compgen -G "$libs_dir/mongo-java-server-core-*.jar" >/dev/null; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "mvn not found (Maven is needed once to fetch the server's jars: apt-get install maven)"
  say "fetching the server's jars with Maven (once) ..."
  mkdir -p "$state_dir"
  tmp="$(mktemp -d "$state_dir/libs.tmp.XXXXXX")"
  # -B and no colour: readable in CI logs without a TTY. Output goes to the log only on error.
  if ! mvn -q -B -Dstyle.color=never -f "$src_dir/pom.xml" \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" >"$tmp.log" 2>&1; then
    cat "$tmp.log" >&2
    rm -rf "$tmp" "$tmp.log"
    die "could not fetch the jars (see Maven's output above)"
  fi
  rm -f "$tmp.log"
  chmod 755 "$tmp"
  # Swap the whole folder so a stale jar of an older version never stays on the class path.
  echo "$sum" >"$tmp/.pom.sha256"
  rm -rf "$libs_dir"
  mv "$tmp" "$libs_dir"
}

# Compiles Launcher.java into classes/ when it (or the jars) changed. `java Launcher.java`
# would run the source directly, but it compiles on every start and keeps the compiler
# loaded: measured idle RSS 121 MB that way against 58 MB from compiled classes, and each
# start and readiness check pays about a second more.
build_launcher() {
  local sum stamp="$classes_dir/.sha256" tmp
  sum="$(cat "$src_dir/Launcher.java" "$libs_dir/.pom.sha256" | sha256sum | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$sum" && -f "$classes_dir/Launcher.class" ]]; then
    return 0
  fi
  tmp="$(mktemp -d "$state_dir/classes.tmp.XXXXXX")"
  if ! javac -nowarn -d "$tmp" -cp "$libs_dir/*" "$src_dir/Launcher.java"; then
    rm -rf "$tmp"
    die "could not compile $src_dir/Launcher.java"
  fi
  echo "$sum" >"$tmp/.sha256"
  chmod 755 "$tmp"
  rm -rf "$classes_dir"
  mv "$tmp" "$classes_dir"
}

java_launcher() {
  # shellcheck disable=SC2086 # java_opts is a list of options
  java $java_opts -cp "$classes_dir:$libs_dir/*" Launcher "$@"
}

show_log_tail() {
  if [[ -f "$log_file" ]]; then
    echo "--- last 30 lines of $log_file ---" >&2
    tail -n 30 "$log_file" >&2
    echo "---" >&2
  fi
}

# A write and a read through the wire protocol (the check in Launcher.java, using the server's
# own BSON codec, so no MongoDB driver is needed), retried until it works or the time is up.
# Prints why and returns 1 when it does not work.
wait_ready() {
  local pid="$1" deadline=$((SECONDS + up_timeout)) out left
  # Wait for the port first with a cheap probe, so the JVM of the check starts only once.
  until port_in_use; do
    if ! alive "$pid"; then
      echo "mongo: the server exited during start-up" >&2
      show_log_tail
      return 1
    fi
    if ((SECONDS >= deadline)); then
      echo "mongo: not listening on $host:$port after ${up_timeout} s" >&2
      show_log_tail
      return 1
    fi
    sleep 0.2
  done
  left=$((deadline - SECONDS))
  ((left > 5)) || left=5
  if ! out="$(java_launcher --check "$host" "$port" "$left" 2>&1)"; then
    echo "mongo: listening on $host:$port but a write/read round trip failed: $out" >&2
    show_log_tail
    return 1
  fi
}

cmd_up() {
  require_tools
  mkdir -p "$state_dir"
  # Two `up`s at once (parallel test jobs) must not start two servers.
  exec 9>"$lock_file"
  flock 9

  # Also when reusing a running server: the readiness check runs from these jars and classes.
  fetch_libs
  build_launcher

  local pid running_port
  pid="$(running_pid)"
  if [[ -n "$pid" ]]; then
    running_port="$(port_of "$pid")"
    if [[ "$running_port" != "$port" ]]; then
      die "already running on $host:$running_port (pid $pid) with the data of $state_dir; run down first to move it to port $port, or set SERVICES_DIR for a second server"
    fi
    say "already running (pid $pid), reusing it"
    wait_ready "$pid" || exit 1
    say "up on $host:$port (pid $pid)"
    return 0
  fi
  rm -f "$pid_file"
  if port_in_use; then
    die "$host:$port is already taken by another process (not the server of $state_dir); stop it or set MONGO_PORT"
  fi

  mkdir -p "$log_dir" "$(dirname "$data_file")"
  # Keep the previous run's log for post-mortems (e.g. after `kill`), start a fresh one.
  if [[ -f "$log_file" ]]; then
    mv -f "$log_file" "$log_file.1"
  fi

  # setsid + nohup: the server outlives this shell and its terminal (CI steps, Ctrl-C in the
  # caller) and gets no SIGHUP. `setsid` does not fork here (a background job is no process
  # group leader), so $! is the JVM's pid. 9>&- : the server must not inherit the lock.
  # shellcheck disable=SC2086
  setsid nohup java $java_opts -cp "$classes_dir:$libs_dir/*" Launcher "$host" "$port" "$data_file" \
    </dev/null >>"$log_file" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$pid_file"
  if ! wait_ready "$pid"; then
    # Leave nothing half-started behind for the next `up` to trip over.
    stop_pid "$pid" >/dev/null 2>&1 || true
    rm -f "$pid_file"
    exit 1
  fi
  say "up on $host:$port (pid $pid)"
}

# Waits up to $2 seconds for pid $1 to exit; returns non-zero if it is still there.
wait_exit() {
  local pid="$1" waited=0 limit=$(($2 * 10))
  while alive "$pid"; do
    ((waited >= limit)) && return 1
    sleep 0.1
    waited=$((waited + 1))
  done
}

# SIGTERM runs the launcher's shutdown hook, which closes the H2 file cleanly; SIGKILL only if
# that has not ended it within $stop_timeout s.
stop_pid() {
  local pid="$1"
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_exit "$pid" "$stop_timeout"; then
    echo "mongo: still running ${stop_timeout} s after SIGTERM, sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    wait_exit "$pid" 5 || die "pid $pid survived SIGKILL"
  fi
}

cmd_down() {
  mkdir -p "$state_dir"
  exec 9>"$lock_file"
  flock 9
  local pid
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then
    rm -f "$pid_file"
    say "not running"
    return 0
  fi
  stop_pid "$pid"
  rm -f "$pid_file"
  say "stopped (pid $pid)"
}

cmd_kill() {
  local pid
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then
    rm -f "$pid_file"
    say "not running"
    return 0
  fi
  # No shutdown hook runs: this is the crash that acknowledged writes must survive.
  kill -KILL "$pid" 2>/dev/null || true
  wait_exit "$pid" 5 || die "pid $pid survived SIGKILL"
  rm -f "$pid_file"
  say "killed (pid $pid, SIGKILL)"
}

cmd_status() {
  local pid
  pid="$(running_pid)"
  if [[ -n "$pid" ]]; then
    say "running on $host:$(port_of "$pid") (pid $pid)"
    return 0
  fi
  say "stopped"
  return 3
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  kill) cmd_kill ;;
  restart) cmd_down && cmd_up ;;
  *) usage ;;
esac
