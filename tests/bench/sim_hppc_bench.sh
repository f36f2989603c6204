#!/bin/sh
# A 96-cell pack (96s2p Leaf 40 kWh class) through a complete HPPC test at 1000x, timed on the
# wall clock: `packgrade-cli simulate --procedure hppc --speed 1000` with the simulated BMS read
# three ways: in-process (--bms direct, the peer without a bus), over the session's own virtual
# CAN bus through the foxbms2 profile (broadcasts: the 96 cells in multiplexed frames) and
# through the pack's own nissan-leaf-lbc profile (the 96 cells in the G02 group poll: ISO-TP with
# flow control after every frame).
# Prints simulated seconds, wall seconds, the speed-up achieved (simulated / wall), the CPU
# seconds of the process (user + system), which is what a shared machine does not distort, and
# how many of the HPPC's discharge pulses got an R0 (2RC fit) against the truth's R0 at 25 degC.
# The simulator keeps pace with the bench (lock-step): time moves only as the bench measures and
# never more than 0.5 s past a frame still on its way to the reader or a poll answer older than
# its period, so over CAN the wall time is the bus's round trips, not the physics.
# usage: tests/bench/sim_hppc_bench.sh [BUILD_DIR] [SPEC] [SPEED]
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$here/build}
spec=${2:-$here/resources/sim/leaf-40kwh-aged.json}
speed=${3:-1000}
cli=$build/app/cli/packgrade-cli
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%-8s %-9s %12s %8s %8s %8s %8s %10s %8s %s\n' bms outcome simulated_s wall_s speedup cpu_s samples can_frames r0_fits r0/truth25
/usr/bin/python3 - "$spec" "$tmp/foxbms2.json" <<'PY'
import json, sys
spec = json.load(open(sys.argv[1]))
spec["profile"] = "foxbms2"
json.dump(spec, open(sys.argv[2], "w"))
PY
for run in direct:direct:$spec can-fox:can:$tmp/foxbms2.json can-leaf:can:$spec; do
    mode=${run%%:*}
    rest=${run#*:}
    bms=${rest%%:*}
    pack=${rest#*:}
    t0=$(date +%s.%N)
    /usr/bin/time -f '%U %S' -o "$tmp/$mode.cpu" "$cli" simulate --pack "$pack" --procedure hppc --speed "$speed" --bms "$bms" --out "$tmp/$mode" --json >"$tmp/$mode.json"
    t1=$(date +%s.%N)
    /usr/bin/python3 - "$tmp/$mode.json" "$t0" "$t1" "$mode" "$tmp/$mode.cpu" <<'PY'
import json, os, sys
o = json.load(open(sys.argv[1]))
wall = float(sys.argv[3]) - float(sys.argv[2])
log = os.path.join(o["session_dir"], "can.log")
frames = sum(1 for _ in open(log)) if os.path.exists(log) else 0
sim = o["duration_s"]
cpu = sum(float(x) for x in open(sys.argv[5]).read().split()[-2:])
pulses = o.get("estimates", {}).get("hppc", {}).get("pulses", [])
r0 = [p["r0_ohm"]["value"] for p in pulses if "r0_ohm" in p]
ratio = f"{sum(r0) / len(r0) / o['truth']['r0_ohm']:.3f}" if r0 else "-"
print(f"{sys.argv[4]:<8} {o['outcome']:<9} {sim:12.0f} {wall:8.2f} {sim / wall:7.0f}x {cpu:8.2f} {o['samples']:8d} {frames:10d} {len(r0)}/{len(pulses):<6} {ratio}")
if o.get("abort_reason"):
    print("  abort:", o["abort_reason"])
PY
done
