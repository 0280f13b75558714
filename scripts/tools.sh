#!/usr/bin/env bash
# Development tools the tests use that npm does not carry, installed on demand into
# .tools/bin (git-ignored) from their own registries; prints the tool's path.
#   scripts/tools.sh actionlint
#   scripts/tools.sh chromium
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="$PWD/.tools/bin"
# Go's official tarball installs to /usr/local/go, often left off PATH in non-login shells.
PATH="$PATH:/usr/local/go/bin"

case "${1:-}" in
  actionlint)
    # The GitHub Actions workflow checker, from the Go module proxy.
    version=v1.7.12
    tool="$BIN/actionlint-$version"
    if [[ ! -x $tool ]]; then
      command -v go >/dev/null 2>&1 || {
        echo "tools.sh: actionlint needs Go (https://go.dev/dl/) to build it" >&2
        exit 1
      }
      mkdir -p "$BIN"
      GOBIN="$BIN" go install "github.com/rhysd/actionlint/cmd/actionlint@$version" >&2
      mv "$BIN/actionlint" "$tool"
    fi
    echo "$tool"
    ;;
  chromium)
    # The browser the UI tests drive (playwright-core, without Playwright's own download).
    for name in chromium chromium-browser; do
      if command -v "$name" >/dev/null 2>&1; then
        command -v "$name"
        exit 0
      fi
    done
    if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
      echo "tools.sh: Chromium is missing; install it (Debian: sudo apt-get install chromium)" >&2
      exit 1
    fi
    mkdir -p .tools
    echo "tools.sh: installing chromium (Debian package)..." >&2
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >.tools/apt-chromium.log 2>&1; then
      { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >>.tools/apt-chromium.log 2>&1 || {
        echo "tools.sh: could not install chromium; see .tools/apt-chromium.log" >&2
        exit 1
      }
    fi
    command -v chromium
    ;;
  *)
    echo "usage: scripts/tools.sh actionlint|chromium" >&2
    exit 2
    ;;
esac
