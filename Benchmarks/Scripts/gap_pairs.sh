#!/usr/bin/env bash
# Gap-stage pairs (issue 14 §4): two builds of circle run back to back on the same city with gap
# maps, RUNS times; prints each run's gap-stage timings from run.json (gap grid, snap cells,
# gap inputs, gap maps, write gaps), wall time, user CPU and peak memory, and checks that both
# wrote the same bytes — except the gap files (gaps/*.geojson, gaps.geojson) and report.html's gap
# layer, whose polygon order and ring start points changed once with the local consistency
# repair (issue 14 §4): those must hold the same geometry (Benchmarks/Scripts/gap_equal.sh).
#   bash Benchmarks/Scripts/gap_pairs.sh OLD_CIRCLE NEW_CIRCLE [CITY] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
old=$1 new=$2 city=${3:-city1m} runs=${4:-3}
D=Benchmarks/data
W=$(mktemp -d /tmp/circle-gaps.XXXXXX)
trap 'rm -rf "$W"' EXIT
uptime
for r in $(seq "$runs"); do
  for which in old new; do
    bin=$old; [ "$which" = new ] && bin=$new
    rm -rf "$W/$which"
    /usr/bin/time -f "%e %M %U" -o "$W/time" "$bin" analyze --network "$D/$city.osm.pbf" --origins "$D/${city}_origins.csv" \
      --facilities "$D/${city}_pois.csv" --out "$W/$which" --quiet >/dev/null 2>&1
    python3 - "$W/$which/run.json" "$W/time" "$which" "$r" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))["timings"]
wall, kb, user = open(sys.argv[2]).read().split()
stages = ["gap grid", "snap cells", "gap inputs", "gap maps", "write gaps"]
total = sum(t.get(s, 0) for s in stages)
print(f"run {sys.argv[4]} {sys.argv[3]}: gap stage {total:.2f} s (" + ", ".join(f"{s} {t.get(s, 0):.2f}" for s in stages)
      + f"), end to end {float(wall):.1f} s, user CPU {float(user):.1f} s, peak {int(kb) / 1024:.0f} MB")
PY
  done
  # Byte-identical outputs (run.json and the report carry timings and ids; compare the rest).
  (cd "$W/old" && find . -type f ! -name run.json ! -name report.html ! -name summary.json | sort | xargs md5sum) > "$W/old.md5"
  (cd "$W/new" && find . -type f ! -name run.json ! -name report.html ! -name summary.json | sort | xargs md5sum) > "$W/new.md5"
  if cmp -s "$W/old.md5" "$W/new.md5"; then echo "run $r: outputs identical ($(wc -l < "$W/old.md5") files)"
  else bash Benchmarks/Scripts/gap_equal.sh "$W/old" "$W/new" | tail -1; fi
done
uptime
