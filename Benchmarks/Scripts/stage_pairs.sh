#!/usr/bin/env bash
# Two circle binaries on city1m's graph cache (--no-gaps), alternating, RUNS pairs: medians of wall,
# CPU and peak memory (/usr/bin/time) and of every stage in run.json, and the ratio within each pair.
#
#   OLD=/path/to/circle-old NEW=.build/release/circle [RUNS=5] [CITY=city1m] bash Benchmarks/Scripts/stage_pairs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
CITY=${CITY:-city1m}
: "${OLD:?set OLD to the binary to compare against}"
NEW=${NEW:-../.build/release/circle}
W=$(mktemp -d /tmp/circle-stages.XXXXXX)
trap 'rm -rf "$W"' EXIT
for _ in $(seq "$RUNS"); do
  for b in old new; do
    bin=$OLD; [ $b = new ] && bin=$NEW
    rm -rf "$W/o"
    /usr/bin/time -o "$W/t" -f "%e %U %S %M" "$bin" analyze --network "data/$CITY.scgraph" --origins "data/${CITY}_origins.csv" \
      --facilities "data/${CITY}_pois.csv" --no-gaps --out "$W/o" --quiet > /dev/null 2>&1
    echo "$b $(cat "$W/t") $(python3 -c "import json,sys; print(json.dumps(json.load(open(sys.argv[1]))['timings']))" "$W/o/run.json")" >> "$W/rows"
  done
done
python3 - "$W/rows" <<'PY'
import json, statistics as st, sys
rows = [l.split(" ", 5) for l in open(sys.argv[1])]
by = {b: [r for r in rows if r[0] == b] for b in ("old", "new")}
for b, rs in by.items():
    cpu = st.median(float(r[2]) + float(r[3]) for r in rs)
    print(f"{b}: wall {st.median(float(r[1]) for r in rs):.2f} s, cpu {cpu:.2f} s, peak {st.median(int(r[4]) for r in rs) / 1024:.0f} MB")
    t = [json.loads(r[5]) for r in rs]
    print("  " + ", ".join(f"{k} {st.median(x.get(k, 0) for x in t):.2f}" for k in sorted(t[0]) if st.median(x.get(k, 0) for x in t) >= 0.01))
pairs = list(zip(by["old"], by["new"]))
print("wall old/new per pair:", [round(float(a[1]) / float(b[1]), 2) for a, b in pairs])
print("cpu old/new per pair:", [round((float(a[2]) + float(a[3])) / (float(b[2]) + float(b[3])), 2) for a, b in pairs])
PY
