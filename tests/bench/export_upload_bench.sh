#!/bin/sh
# Export and upload throughput, each next to a named peer doing the same work:
#   export --format csv  vs  Python's csv.DictWriter writing the same records from the JSON export
#   upload               vs  Python urllib POSTing the same payloads, one by one, to the same server
# Usage: tests/bench/export_upload_bench.sh [BUILD_DIR] [N]   (N graded and certified packs, default 300)
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$here/build}
n=${2:-300}
cli=$build/app/cli/packgrade-cli
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
db=sqlite:$work/inv.sqlite
export QT_QPA_PLATFORM=offscreen PACKGRADE_KEY_DIR=$work/keys
now() { python3 -c 'import time; print(time.monotonic())'; }
elapsed() { python3 -c "print(f'{$2 - $1:.3f}')"; }

i=0
while [ $i -lt "$n" ]; do
  python3 - "$work/a.json" "$i" <<'PY'
import json, sys
i = int(sys.argv[2])
json.dump({"pack_serial": f"BENCH-{i:06d}", "chemistry": "nmc", "vin": f"VIN{i:014d}",
           "nominal_voltage_v": 360, "nominal_capacity_ah": 60,
           "soh_capacity": {"value": 0.82 + (i % 15) / 100, "stderr": 0.004},
           "soh_resistance": 0.9, "cell_voltage_spread_v": 0.01, "capacity_spread": 0.02,
           "self_discharge_v_per_day": 0.001, "temperature_spread_c": 2, "isolation_ohm": 400000},
          open(sys.argv[1], "w"))
PY
  "$cli" grade --assessment "$work/a.json" --db "$db" >/dev/null
  "$cli" certificate "BENCH-$(printf %06d $i)" --out "$work/c.pdf" --db "$db" >/dev/null
  i=$((i + 1))
done

t0=$(now); "$cli" export --format json --out "$work/e.json" --db "$db" >/dev/null; t1=$(now)
"$cli" export --format csv --out "$work/e.csv" --db "$db" >/dev/null; t2=$(now)
python3 - "$work/e.json" "$work/peer.csv" <<'PY'
import csv, json, sys, time
start = time.monotonic()
records = json.load(open(sys.argv[1]))["records"]
with open(sys.argv[2], "w", newline="", encoding="utf-8-sig") as f:
    w = csv.DictWriter(f, fieldnames=list(records[0].keys()))
    w.writeheader()
    w.writerows(records)
print(f"peer: Python csv.DictWriter, records already parsed: {time.monotonic() - start:.3f} s", file=sys.stderr)
PY
echo "export json ($n packs, whole process): $(elapsed "$t0" "$t1") s"
echo "export csv  ($n packs, whole process): $(elapsed "$t1" "$t2") s"

/usr/bin/python3 "$here/tests/tools/marketplace_server.py" --ledger "$work/ledger.json" --token t >"$work/port" &
server=$!
sleep 1
port=$(cut -d' ' -f2 "$work/port")
t3=$(now); "$cli" upload --url "http://127.0.0.1:$port/records" --token t --db "$db" --json; t4=$(now)
echo "upload ($n records, whole process incl. enqueue): $(elapsed "$t3" "$t4") s"
python3 - "$work/ledger.json" "$port" <<'PY'
import json, sys, time, urllib.request
bodies = json.load(open(sys.argv[1]))["bodies"]
start = time.monotonic()
for key, body in bodies.items():
    req = urllib.request.Request(f"http://127.0.0.1:{sys.argv[2]}/records", data=body.encode(),
        headers={"Authorization": "Bearer t", "Idempotency-Key": key, "Content-Type": "application/json"})
    urllib.request.urlopen(req).read()
print(f"peer: Python urllib, same {len(bodies)} payloads (answered as duplicates): {time.monotonic() - start:.3f} s")
PY
