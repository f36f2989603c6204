#!/usr/bin/env bash
# The main job on a simulated pack: packgrade-sim plays a recorded BMS onto a virtual CAN bus;
# the bench GUI connects to it when a display is present, otherwise packgrade-cli does the same
# work headless and prints what it did.   usage: scripts/demo.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
bin=$build/app
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
bus="virtualcan:tcp://127.0.0.1:$port/can0"
work=$(mktemp -d)
sim_pid=""
cleanup() { [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "${PACKGRADE_HEADLESS:-0}" != 1 ]; then
  # The GUI runs the simulated pack and its SCPI load in-process (Live pack, Test run) and
  # listens on the bus the recording is played onto (Frame monitor).
  "$bin/gui/packgrade" --simulate resources/sim/stationary-16s-weak-cell.json --device "$bus" --screen live &
  gui_pid=$!
  sleep 1
  "$bin/sim/packgrade-sim" --device "$bus" --loops 0 2>"$work/sim.err" &
  sim_pid=$!
  wait "$gui_pid"
  exit 0
fi

echo "== No display: running the bench job headless."
echo "== 1. packgrade-cli listens on $bus (listen-only), recording every frame"
"$bin/cli/packgrade-cli" listen "$bus" --seconds 4 --log "$work/session.log" 2>"$work/listen.err" &
listen_pid=$!
sleep 0.5
echo "== 2. packgrade-sim plays a foxBMS 2 recording onto the bus, 20 times, in real time"
"$bin/sim/packgrade-sim" --device "$bus" --loops 20 2>"$work/sim.err" &
sim_pid=$!
wait "$listen_pid"
grep -v '^qt\.' "$work/listen.err" || true
echo "== 3. packgrade-cli replay of the recorded session log"
"$bin/cli/packgrade-cli" replay "$work/session.log"
