#!/usr/bin/env bash
# The real services the integration tests (and the apps, by URL) use, without Docker:
#   scripts/services.sh up|down|status|restart [postgres] [redis] [kafka] [mongo]
# Each service has its own script in scripts/services/; all state lives under .services/
# (git-ignored) and downloads are cached in the usual per-user places (~/.m2, apt).
#
#   DATABASE_URL=postgres://events:events@127.0.0.1:5432/events
#   REDIS_URL=redis://127.0.0.1:6379
#   KAFKA_BROKERS=127.0.0.1:9092
#   MONGO_URL=mongodb://127.0.0.1:27017/events
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
all=(postgres redis kafka mongo)

command="${1:-}"
case "$command" in
  up | down | status | restart) shift ;;
  *) echo "usage: $0 up|down|status|restart [${all[*]}]" >&2; exit 2 ;;
esac
services=("$@")
[ ${#services[@]} -eq 0 ] && services=("${all[@]}")

# Tools the integration tests use beside the services: kcat, the independent Kafka client
# of the interop tests, and docker-compose, which checks docker-compose.yml offline.
install_tool() {
  local command="$1" package="$2"
  command -v "$command" >/dev/null && return
  if [ "$(id -u)" -ne 0 ]; then
    echo "services: $command is missing (Debian: apt-get install $package); the integration tests need it" >&2
    return
  fi
  echo "services: installing $package (apt)" >&2
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package" >/dev/null 2>&1; then
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package" >/dev/null
  fi
}
if [ "$command" = up ]; then
  install_tool kcat kcat
  install_tool docker-compose docker-compose
fi

failed=0
for service in "${services[@]}"; do
  script="$here/services/$service.sh"
  if [ ! -x "$script" ]; then
    echo "services: unknown service '$service' (known: ${all[*]})" >&2
    exit 2
  fi
  "$script" "$command" || failed=$?
  # `up` stops at the first failure: later services may depend on it and the log says why.
  if [ "$failed" -ne 0 ] && [ "$command" = up ]; then exit "$failed"; fi
done
exit "$failed"
