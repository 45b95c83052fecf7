#!/usr/bin/env bash
# Cost growth (issue 14 §5): `circle analyze --no-gaps` on the PBF of each city, one run each,
# and on city1m with 1 k, 10 k, 50 k and 100 k origins (the first 1 k / 10 k origins of
# city1m_origins.csv; 100 k = the 50 k plus a copy moved 30 m north-east with new ids).
# Prints each run's wall time, peak memory and stages from run.json.
#   bash Benchmarks/Scripts/growth.sh [CIRCLE]      (default .build/release/circle)
set -euo pipefail
cd "$(dirname "$0")/../.."
C=${1:-.build/release/circle}
D=Benchmarks/data
W=$(mktemp -d /tmp/circle-growth.XXXXXX)
trap 'rm -rf "$W"' EXIT
head -1001 "$D/city1m_origins.csv" > "$W/o1k.csv"
head -10001 "$D/city1m_origins.csv" > "$W/o10k.csv"
python3 - "$D/city1m_origins.csv" "$W/o100k.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
with open(sys.argv[2], "w", newline="") as out:
    w = csv.DictWriter(out, fieldnames=list(rows[0].keys()))
    w.writeheader()
    for r in rows: w.writerow(r)
    for r in rows:
        r = dict(r, id=str(int(r["id"]) + len(rows)), name=r["name"] + " b",
                 lon="%.7f" % (float(r["lon"]) + 0.0003), lat="%.7f" % (float(r["lat"]) + 0.0002))
        w.writerow(r)
PY
run() {   # label network origins facilities
  rm -rf "$W/out"
  /usr/bin/time -f "%e %M" -o "$W/time" "$C" analyze --network "$2" --origins "$3" --facilities "$4" --no-gaps \
    --out "$W/out" --quiet >/dev/null 2>&1
  python3 - "$W/out/run.json" "$W/time" "$1" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))["timings"]
wall, kb = open(sys.argv[2]).read().split()
keys = ["read", "build", "read origins", "snap", "search", "score", "write", "report", "summary"]
print(f"| {sys.argv[3]} | {float(wall):.1f} s | {int(kb) / 1024:.0f} MB | " + " | ".join(f"{t.get(k, 0):.2f}" for k in keys) + " |")
PY
}
uptime
echo "| input | end to end | peak | read | build | read origins | snap | search | score | write | report | summary |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for city in city100k city1m city3600k; do
  [ -f "$D/$city.osm.pbf" ] && run "$city, 50,000 origins" "$D/$city.osm.pbf" "$D/${city}_origins.csv" "$D/${city}_pois.csv"
done
for n in 1k 10k 100k; do run "city1m, $n origins" "$D/city1m.osm.pbf" "$W/o$n.csv" "$D/city1m_pois.csv"; done
uptime
