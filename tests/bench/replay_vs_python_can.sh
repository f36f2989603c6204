#!/usr/bin/env bash
# Whole-process comparison: `packgrade-cli replay` against python-can's CanutilsLogReader counting
# the frames of the same 1,000,000-frame candump log, in the same run. Prints both.
# usage: tests/bench/replay_vs_python_can.sh [BUILD_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
cli=$build/app/cli/packgrade-cli
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 "$here/make_candump_log.py" 1000000 "$tmp/bench.log"

best() { # best of N wall-clock runs of a command, in seconds
  local n=$1; shift
  /usr/bin/python3 - "$n" "$@" <<'PY'
import subprocess, sys, time
n, cmd = int(sys.argv[1]), sys.argv[2:]
times = []
for _ in range(n):
    t = time.perf_counter(); out = subprocess.run(cmd, check=True, capture_output=True); times.append(time.perf_counter() - t)
print("%.4f %s" % (min(times), out.stdout.decode().strip().splitlines()[-1] if out.stdout else ""))
PY
}
ours=$(best 5 "$cli" replay "$tmp/bench.log" --json)
peer=$(best 3 /usr/bin/python3 -c "import can,sys; print(sum(1 for _ in can.CanutilsLogReader(sys.argv[1])))" "$tmp/bench.log")
t_ours=${ours%% *}; t_peer=${peer%% *}
frames=$("$cli" replay "$tmp/bench.log" --json | /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)['frames'])")
echo "frames (packgrade-cli): $frames   frames (python-can): ${peer#* }"
printf '%-44s %8.1f ms\n' "packgrade-cli replay (whole process)" "$(echo "$t_ours*1000" | bc -l)"
printf '%-44s %8.1f ms\n' "python-can CanutilsLogReader (count frames)" "$(echo "$t_peer*1000" | bc -l)"
printf '%-44s %8.1fx\n' "speed-up" "$(echo "$t_peer/$t_ours" | bc -l)"
