#!/usr/bin/env bash
# Development tools the tests use that npm does not carry, installed on demand into
# .tools/bin (git-ignored) from their own registries; prints the tool's path.
#   scripts/tools.sh actionlint
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
  *)
    echo "usage: scripts/tools.sh actionlint" >&2
    exit 2
    ;;
esac
