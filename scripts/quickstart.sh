#!/usr/bin/env bash
# PackGrade quick start, for a fresh Debian 12 machine (as root, or as a user with sudo):
#   scripts/quickstart.sh demo   install everything, build, run the bench on a simulated pack
#                                (the GUI when a display is present, else the same job headless)
#   scripts/quickstart.sh test   install everything, build, run every test through ctest
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-demo}
case "$mode" in demo | test) ;; *) echo "usage: $0 demo|test" >&2; exit 2 ;; esac

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. Debian packages (scripts/deps.txt), installed only when missing.
missing=()
while read -r pkg; do
  [ -z "$pkg" ] || dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done < <(grep -v '^\s*#' scripts/deps.txt | tr -d ' ')
command -v node >/dev/null || missing+=(nodejs)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
# npm: Debian ships it as its own package; some node builds bring their own.
command -v npm >/dev/null || as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm

# 2. Build (warnings are errors in CI).
werror=OFF
[ "${CI:-}" = "true" ] && werror=ON
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPACKGRADE_WERROR=$werror >/dev/null
cmake --build build -j "$(nproc)"

# 3. The job.
if [ "$mode" = test ]; then
  if [ -f tests/tools/package-lock.json ]; then
    (cd tests/tools && npm ci --no-audit --no-fund --loglevel=error)
  fi
  ctest --test-dir build --output-on-failure -j "$(nproc)" --timeout 600
else
  exec scripts/demo.sh build
fi
