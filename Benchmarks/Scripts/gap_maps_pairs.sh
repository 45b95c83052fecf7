#!/usr/bin/env bash
# Runs `circle analyze` on city1m with gap maps for the 21 item types of city1m_pois.csv, the
# given binaries alternating, N rounds; prints per run: wall, user, system seconds and peak KB,
# then run.json's gap-stage timings (gap maps, gap grid, snap cells, write gaps; "stage" adds
# gap inputs) and the load. Outputs go to a temporary folder.
#   bash Benchmarks/Scripts/gap_maps_pairs.sh N OLD_CIRCLE NEW_CIRCLE [...]
set -euo pipefail
n=$1; shift
data=$(cd "$(dirname "$0")/../data" && pwd)
work=$(mktemp -d /tmp/gap-maps-pairs.XXXXXX)
trap 'rm -rf "$work"' EXIT
items=$(tail -n +2 "$data/city1m_pois.csv" | cut -d, -f2 | sort -u | paste -sd,)
for _ in $(seq "$n"); do
  for bin in "$@"; do
    out="$work/out"
    rm -rf "$out"
    (cd "$data" && /usr/bin/time -o "$work/time" -f "%e %U %S %M" "$bin" analyze --network city1m.scgraph \
      --origins city1m_origins.csv --facilities city1m_pois.csv --items "$items" --quiet --out "$out" >/dev/null 2>&1)
    python3 - "$bin" "$(cat "$work/time")" "$out/run.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[3]))["timings"]
stage = sum(t[k] for k in ["gap maps", "gap grid", "snap cells", "write gaps", "gap inputs"])
print(sys.argv[1], sys.argv[2], "maps %.2f grid %.2f snap %.2f write %.2f stage %.2f" %
      (t["gap maps"], t["gap grid"], t["snap cells"], t["write gaps"], stage), "load", open("/proc/loadavg").read().split()[0])
PY
  done
done
