#!/usr/bin/env bash
# Runs a command on Node >= 22.17 with the project's dependencies installed.
#
#   scripts/node-runtime.sh <command> [args...]
#
# When the Node on the PATH is older than 22.17 (Debian ships Node 20, past its end of
# life), a project-local Node 24 is installed from the npm registry (package
# node-<os>-<arch>@24) into .runtime/, the way Corepack or Volta fetch a pinned tool,
# and put first on the PATH for the command. Nothing outside the repository changes.
# Then the locked dependencies are installed when node_modules is missing or older than
# package-lock.json.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runtime_dir="$root/.runtime"
min_major=22
min_minor=17

node_is_recent() {
  command -v node >/dev/null 2>&1 || return 1
  node -e "const [a,b]=process.versions.node.split('.').map(Number);process.exit(a>$min_major||(a===$min_major&&b>=$min_minor)?0:1)"
}

node_package() {
  local os arch
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    *) echo "node-runtime: install Node.js >= $min_major.$min_minor yourself on $(uname -s)" >&2; exit 1 ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "node-runtime: no Node.js package for $(uname -m); install Node.js >= $min_major.$min_minor" >&2; exit 1 ;;
  esac
  echo "node-$os-$arch"
}

use_local_node() {
  local pkg bin system
  pkg="$(node_package)"
  bin="$runtime_dir/node_modules/$pkg/bin"
  system="$(node --version 2>/dev/null || echo 'absent')"
  if [ ! -x "$bin/node" ]; then
    mkdir -p "$runtime_dir"
    # --prefix keeps it out of the project's own package.json and lockfile.
    if ! npm install --prefix "$runtime_dir" --no-save --no-package-lock "$pkg@24" \
      >"$runtime_dir/install.log" 2>&1; then
      cat "$runtime_dir/install.log" >&2
      echo "node-runtime: could not install $pkg@24 from the npm registry (log above)" >&2
      exit 1
    fi
  fi
  export PATH="$bin:$PATH"
  echo "node-runtime: system Node $system is older than $min_major.$min_minor; running on project-local Node $(node --version) ($pkg@24 in .runtime/)" >&2
}

install_dependencies() {
  local modules="$root/node_modules" lock="$root/package-lock.json"
  if [ ! -d "$modules" ] || [ "$lock" -nt "$modules/.package-lock.json" ]; then
    echo "node-runtime: installing dependencies (npm install --no-save, the locked versions)" >&2
    # Not `npm ci`: it rejects a lockfile that lacks an optional native binding of another
    # platform (rspack, oxlint), and npm cannot record one the registry did not serve.
    # `install --no-save` installs the locked versions plus this platform's binding and
    # leaves package.json and package-lock.json untouched.
    (cd "$root" && npm install --no-save --no-audit --no-fund --loglevel=error >&2)
  fi
}

node_is_recent || use_local_node
install_dependencies
exec "$@"
