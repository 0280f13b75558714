#!/usr/bin/env bash
# Run a real Apache Kafka 4.1.1 broker (one KRaft node) on this machine, without Docker.
#
#   scripts/services/kafka.sh up       start it (or reuse the one already running) and wait
#                                      until a produce/consume round trip and a consumer-group
#                                      join work
#   scripts/services/kafka.sh down     clean shutdown (SIGTERM, SIGKILL after 30 s)
#   scripts/services/kafka.sh status   "kafka: running ..." (exit 0) or "kafka: stopped" (exit 3)
#   scripts/services/kafka.sh restart  down, then up
#   scripts/services/kafka.sh kill     SIGKILL, like a crash (integration tests: kill, then up)
#
# Why like this: our machines have no Docker engine and reach only package registries, so the
# broker's own jars come from Maven Central (services/kafka/pom.xml) and run on the JDK.
# Everything it generates (jars, config, data, logs, pid) lives in $SERVICES_DIR/kafka.
#
# Environment: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), SERVICES_DIR (<repo>/.services),
# KAFKA_UP_TIMEOUT (90 s), KAFKA_STOP_TIMEOUT (30 s), KAFKA_HEAP_OPTS (-Xms256m -Xmx512m).
set -euo pipefail

# Resolve everything from the script's own path so it works from any cwd.
SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
REPO_ROOT=$(cd -- "$SCRIPT_DIR/../.." && pwd -P)
SPEC_DIR="$REPO_ROOT/services/kafka"

HOST=127.0.0.1
KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
SERVICES_DIR=${SERVICES_DIR:-$REPO_ROOT/.services}
UP_TIMEOUT=${KAFKA_UP_TIMEOUT:-90}
STOP_TIMEOUT=${KAFKA_STOP_TIMEOUT:-30}
# Word-split on purpose below: it is a list of JVM options.
HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}
HEALTH_TOPIC=services_healthcheck
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

log() { printf 'kafka: %s\n' "$*" >&2; }
die() {
  printf 'kafka: error: %s\n' "$*" >&2
  exit 1
}

for v in KAFKA_PORT KAFKA_CONTROLLER_PORT UP_TIMEOUT STOP_TIMEOUT; do
  [[ ${!v} =~ ^[0-9]+$ ]] || die "$v must be a number, got '${!v}'"
done
[[ $KAFKA_PORT != "$KAFKA_CONTROLLER_PORT" ]] || die "KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ"

# Absolute, because the broker is started from its own directory and its config holds paths.
mkdir -p "$SERVICES_DIR"
SERVICES_DIR=$(cd -- "$SERVICES_DIR" && pwd -P)
STATE_DIR="$SERVICES_DIR/kafka"
LIBS_DIR="$STATE_DIR/libs"
DATA_DIR="$STATE_DIR/data"
LOG_DIR="$STATE_DIR/logs"
PID_FILE="$STATE_DIR/kafka.pid"
PROPS_FILE="$STATE_DIR/server.properties"
# The controller endpoint is written into the metadata log when the storage is formatted
# (dynamic quorum), so a data dir formatted for one controller port cannot serve another.
FORMATTED_PORT_FILE="$STATE_DIR/formatted-controller-port"
BOOTSTRAP="$HOST:$KAFKA_PORT"
mkdir -p "$STATE_DIR" "$LOG_DIR"

# ---------------------------------------------------------------------------------------------
# Process and port probes

# Prints the broker's pid when the pid file names a live broker started by this script for this
# SERVICES_DIR. The command-line check guards against a stale pid file whose pid was reused.
our_pid() {
  local pid
  [[ -f $PID_FILE ]] || return 1
  pid=$(<"$PID_FILE")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  process_gone "$pid" && return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "kafka.Kafka $PROPS_FILE" || return 1
  printf '%s\n' "$pid"
}

# True when something accepts TCP connections on $HOST:$1 (bash's /dev/tcp: no nc needed).
port_open() {
  # shellcheck disable=SC2016 # expanded by the inner bash, from its arguments
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$HOST" "$1" 2>/dev/null
}

# Gone = reaped, or a zombie whose other threads have all exited. The main thread of a killed
# JVM turns zombie while its other threads still hold the sockets open, so "Z" alone is too early
# (a restart then finds the port still taken); an unreaped zombie stays when pid 1 does not reap.
process_gone() {
  local pid=$1 state tasks
  [[ -e /proc/$pid ]] || return 0
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || return 0
  [[ $state == Z ]] || return 1
  tasks=$(find "/proc/$pid/task" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
  ((tasks <= 1))
}

# After the process is gone, its listeners are closed too; wait for that (bounded) so that an
# immediate `up` does not mistake our dying broker for someone else's.
wait_ports_closed() {
  local i
  for ((i = 0; i < 50; i++)); do
    port_open "$KAFKA_PORT" || port_open "$KAFKA_CONTROLLER_PORT" || return 0
    sleep 0.1
  done
}

show_logs() {
  local f
  for f in "$LOG_DIR/server.log" "$LOG_DIR/stdout.log"; do
    [[ -s $f ]] || continue
    printf -- '--- last 30 lines of %s ---\n' "$f" >&2
    tail -n 30 "$f" >&2
  done
}

# ---------------------------------------------------------------------------------------------
# Health check: a real produce/consume round trip and a consumer-group join, because a KRaft
# broker opens its port before it can serve produce requests or consumer groups.

# kcat is the independent client the project's interop tests use too (DESIGN.md). Installing it
# is best effort: without it we fall back to a Java client from the broker's own jars.
ensure_kcat() {
  local apt_log="$LOG_DIR/apt-kcat.log" failed="$STATE_DIR/kcat-install-failed"
  command -v kcat >/dev/null 2>&1 && return 0
  # Tried and failed before (no apt, no network): don't make every `up` wait for apt again.
  [[ -e $failed ]] && return 0
  if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    return 0
  fi
  log "installing kcat (Debian package) for the health check..."
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kcat >"$apt_log" 2>&1; then
    # A fresh machine may have no package lists yet.
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kcat; } >>"$apt_log" 2>&1; then
      log "could not install kcat (see $apt_log); using the Java health check instead"
    fi
  fi
  command -v kcat >/dev/null 2>&1 || : >"$failed"
}

health_check() {
  if command -v kcat >/dev/null 2>&1; then
    local token
    token="healthcheck-$$-$RANDOM-$(date +%s%N)"
    # Partition 0 only, so the consumer knows where to look; acks=all so "written" means it.
    printf '%s\n' "$token" |
      timeout 15 kcat -P -b "$BOOTSTRAP" -t "$HEALTH_TOPIC" -p 0 \
        -X message.timeout.ms=8000 -X request.required.acks=-1 >/dev/null 2>&1 || return 1
    # The tail of the partition, not just the last message: another `up` may write concurrently.
    # fetch.wait.max.ms: end of partition is only seen after an empty fetch, 500 ms by default.
    timeout 15 kcat -C -b "$BOOTSTRAP" -t "$HEALTH_TOPIC" -p 0 -o -20 -e -q -f '%s\n' \
      -X fetch.wait.max.ms=20 2>/dev/null |
      grep -qxF -- "$token" || return 1
    # And a consumer-group join: the group coordinator (__consumer_offsets, created on first use
    # and reloaded after every restart) comes up after the partitions do, and apps' first
    # consumer must not race it. -e: leave once every assigned partition is read to its end.
    timeout 20 kcat -G "$HEALTH_TOPIC" -b "$BOOTSTRAP" -e -q -X auto.offset.reset=latest -X fetch.wait.max.ms=20 \
      "$HEALTH_TOPIC" >/dev/null 2>&1
  else
    # Single-file source program (compiled on the fly by the JDK's launcher).
    "$JAVA" -Xmx128m -cp "$LIBS_DIR/*" "$SPEC_DIR/Healthcheck.java" "$BOOTSTRAP" "$HEALTH_TOPIC" \
      >/dev/null 2>>"$LOG_DIR/healthcheck.log"
  fi
}

# Waits until the broker answers, or fails with its logs. $1: pid to watch (empty for a broker
# that is not ours), $2: deadline in seconds.
wait_ready() {
  local pid=$1 timeout_s=$2 start=$SECONDS
  while ((SECONDS - start < timeout_s)); do
    if [[ -n $pid ]] && process_gone "$pid"; then
      show_logs
      die "the broker (pid $pid) exited during start-up; see the logs above and in $LOG_DIR"
    fi
    if port_open "$KAFKA_PORT" && health_check; then
      return 0
    fi
    sleep 1
  done
  return 1
}

# ---------------------------------------------------------------------------------------------
# Installation: jars, configuration, storage

# The jars are fetched once per pom: a checksum of the pom is kept beside them, so later `up`s
# never run Maven (Maven's own cache, ~/.m2, also makes a re-fetch offline).
ensure_libs() {
  local pom="$SPEC_DIR/pom.xml" want tmp
  want=$(sha256sum <"$pom" | cut -d' ' -f1)
  if [[ -f $LIBS_DIR/.pom.sha256 && $(<"$LIBS_DIR/.pom.sha256") == "$want" ]] &&
    compgen -G "$LIBS_DIR/kafka_2.13-*.jar" >/dev/null; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is needed to fetch the Kafka jars"
  log "fetching the Kafka jars from Maven Central into $LIBS_DIR (once per pom)..."
  # Into a temporary directory first: an interrupted download must not look complete.
  tmp="$STATE_DIR/libs.tmp.$$"
  rm -rf "$tmp"
  if ! mvn -q -B -f "$pom" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$tmp" >"$LOG_DIR/mvn.log" 2>&1; then
    tail -n 30 "$LOG_DIR/mvn.log" >&2
    rm -rf "$tmp"
    die "could not fetch the Kafka jars (full Maven log: $LOG_DIR/mvn.log)"
  fi
  printf '%s\n' "$want" >"$tmp/.pom.sha256"
  rm -rf "$LIBS_DIR"
  mv "$tmp" "$LIBS_DIR"
}

write_props() {
  local tmp="$PROPS_FILE.tmp.$$"
  sed -e "s|@KAFKA_PORT@|$KAFKA_PORT|g" \
    -e "s|@KAFKA_CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
    -e "s|@KAFKA_DATA_DIR@|$DATA_DIR|g" \
    "$SPEC_DIR/server.properties.in" >"$tmp"
  mv "$tmp" "$PROPS_FILE"
}

java_opts() {
  # shellcheck disable=SC2206 # KAFKA_HEAP_OPTS is a list of options
  JAVA_OPTS=($HEAP_OPTS
    # The GC settings of Kafka's own kafka-run-class.sh.
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
    -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true
    "-Dkafka.logs.dir=$LOG_DIR"
    "-Dlog4j2.configurationFile=$SPEC_DIR/log4j2.yaml")
}

# Formats the KRaft storage once; the data (topics, offsets) then survives restarts and kills.
ensure_formatted() {
  if [[ -f $DATA_DIR/meta.properties ]]; then
    if [[ -f $FORMATTED_PORT_FILE && $(<"$FORMATTED_PORT_FILE") != "$KAFKA_CONTROLLER_PORT" ]]; then
      die "$DATA_DIR was formatted for controller port $(<"$FORMATTED_PORT_FILE"), not $KAFKA_CONTROLLER_PORT; use that port or delete $DATA_DIR"
    fi
    return 0
  fi
  local cluster_id
  mkdir -p "$DATA_DIR"
  java_opts
  cluster_id=$("$JAVA" "${JAVA_OPTS[@]}" -cp "$LIBS_DIR/*" kafka.tools.StorageTool random-uuid 2>>"$LOG_DIR/stdout.log")
  [[ -n $cluster_id ]] || die "StorageTool random-uuid printed nothing (see $LOG_DIR/stdout.log)"
  if ! "$JAVA" "${JAVA_OPTS[@]}" -cp "$LIBS_DIR/*" kafka.tools.StorageTool \
    format --standalone --ignore-formatted -t "$cluster_id" -c "$PROPS_FILE" >>"$LOG_DIR/stdout.log" 2>&1; then
    show_logs
    die "could not format $DATA_DIR"
  fi
  printf '%s\n' "$KAFKA_CONTROLLER_PORT" >"$FORMATTED_PORT_FILE"
}

# ---------------------------------------------------------------------------------------------
# Commands

cmd_up() {
  local pid start=$SECONDS
  if pid=$(our_pid); then
    # Ours and alive, maybe still starting (another `up` in a parallel job): wait for it.
    wait_ready "$pid" "$UP_TIMEOUT" || {
      show_logs
      die "the running broker (pid $pid) does not answer on $BOOTSTRAP"
    }
    printf 'kafka: up on %s (pid %s, already running)\n' "$BOOTSTRAP" "$pid"
    return 0
  fi
  rm -f "$PID_FILE" # stale: the broker was killed or crashed
  if port_open "$KAFKA_PORT"; then
    # Someone else's broker (another checkout, a manual run): use it if it is a working Kafka.
    wait_ready "" 20 || die "port $KAFKA_PORT is taken by something that is not a working Kafka broker"
    printf 'kafka: up on %s (not started by this script, reusing it)\n' "$BOOTSTRAP"
    return 0
  fi
  port_open "$KAFKA_CONTROLLER_PORT" && die "controller port $KAFKA_CONTROLLER_PORT is already in use (set KAFKA_CONTROLLER_PORT)"

  ensure_libs
  write_props
  ensure_formatted
  ensure_kcat

  java_opts
  printf '=== %s starting kafka.Kafka on %s ===\n' "$(date -Is)" "$BOOTSTRAP" >>"$LOG_DIR/stdout.log"
  # setsid + nohup: the broker must outlive this script and not get the caller's Ctrl-C or
  # SIGHUP (a CI step, a jest globalSetup). The child writes its own pid and then execs java,
  # so the pid file is right whether or not setsid had to fork. fd 9 (our lock) is closed so the
  # broker does not hold the lock for its whole life.
  (
    cd "$STATE_DIR"
    # shellcheck disable=SC2016 # $$ and $1 belong to the inner bash
    exec setsid nohup bash -c 'printf "%s\n" "$$" >"$1"; shift; exec "$@"' _ "$PID_FILE" \
      "$JAVA" "${JAVA_OPTS[@]}" -cp "$LIBS_DIR/*" kafka.Kafka "$PROPS_FILE" \
      </dev/null >>"$LOG_DIR/stdout.log" 2>&1 9>&-
  ) &
  # Wait for the pid file written by the child.
  local i
  for ((i = 0; i < 50; i++)); do
    pid=$(our_pid) && break
    sleep 0.1
  done
  [[ -n ${pid:-} ]] || {
    show_logs
    die "the broker did not start"
  }

  if ! wait_ready "$pid" "$UP_TIMEOUT"; then
    show_logs
    # Leave nothing half-started behind: the next `up` starts from a clean state.
    kill -KILL "$pid" 2>/dev/null || true
    wait_gone "$pid"
    wait_ports_closed
    rm -f "$PID_FILE"
    die "no produce/consume round trip on $BOOTSTRAP within ${UP_TIMEOUT}s; the broker (pid $pid) was killed; logs in $LOG_DIR"
  fi
  log "ready in $((SECONDS - start))s"
  printf 'kafka: up on %s (pid %s)\n' "$BOOTSTRAP" "$pid"
}

cmd_down() {
  local pid start=$SECONDS
  if ! pid=$(our_pid); then
    rm -f "$PID_FILE"
    if port_open "$KAFKA_PORT"; then
      echo "kafka: stopped (nothing of ours was running; port $KAFKA_PORT is used by another process)"
    else
      echo "kafka: stopped (was not running)"
    fi
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  while ! process_gone "$pid"; do
    if ((SECONDS - start >= STOP_TIMEOUT)); then
      log "no clean shutdown within ${STOP_TIMEOUT}s; sending SIGKILL to pid $pid"
      kill -KILL "$pid" 2>/dev/null || true
      wait_gone "$pid"
      break
    fi
    sleep 0.2
  done
  wait_ports_closed
  rm -f "$PID_FILE"
  echo "kafka: stopped (pid $pid)"
}

wait_gone() {
  local pid=$1 i
  for ((i = 0; i < 100; i++)); do
    process_gone "$pid" && return 0
    sleep 0.1
  done
  die "pid $pid is still alive after SIGKILL"
}

# A crash, on purpose: no shutdown hooks, no final flush. The pid file is left behind as after a
# real crash; `up` recognises it as stale.
cmd_kill() {
  local pid
  if ! pid=$(our_pid); then
    echo "kafka: stopped (was not running)"
    return 0
  fi
  kill -KILL "$pid"
  wait_gone "$pid"
  wait_ports_closed
  echo "kafka: killed (pid $pid)"
}

cmd_status() {
  local pid
  if pid=$(our_pid); then
    echo "kafka: running on $BOOTSTRAP (pid $pid)"
    return 0
  fi
  if port_open "$KAFKA_PORT"; then
    echo "kafka: running on $BOOTSTRAP (not started by this script)"
    return 0
  fi
  echo "kafka: stopped"
  return 3
}

# up/down/restart/kill change state: one at a time per SERVICES_DIR (parallel CI steps or test
# workers may call `up` together). status only reads, so it takes no lock.
take_lock() {
  exec 9>"$STATE_DIR/.lock"
  flock -w $((UP_TIMEOUT + STOP_TIMEOUT + 300)) 9 || die "timed out waiting for another kafka.sh (lock $STATE_DIR/.lock)"
}

case "${1:-}" in
  up) take_lock && cmd_up ;;
  down) take_lock && cmd_down ;;
  restart) take_lock && cmd_down && cmd_up ;;
  kill) take_lock && cmd_kill ;;
  status) cmd_status ;;
  *)
    echo "usage: $0 up|down|status|restart|kill" >&2
    exit 2
    ;;
esac
