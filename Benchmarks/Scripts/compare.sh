#!/usr/bin/env bash
# circle against the SciPy pipeline (Scripts/scipy_pipeline.py), and pandana when it installs, on
# the same inputs, measured in pairs back to back (the machine is shared): medians of RUNS runs,
# the ratios end to end and for the search stage, and a check that both wrote the same times.
#
#   bash Benchmarks/Scripts/compare.sh [CITY ...]     (default: city100k city1m)
#   env: RUNS (default 5), PANDANA_CITIES (default city100k; pandana's build is slow), PYTHON
#
# circle runs `analyze --no-gaps` twice per pair: on the OSM file (reads and builds the networks)
# and on a graph cache from `circle build-graph` (the nightly-job setup; its search uses the
# contraction hierarchy kept in the cache). The SciPy pipeline always reads the PBF.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
PANDANA_CITIES=${PANDANA_CITIES:-city100k}
C=../.build/release/circle
VENV=.venv
PY=$VENV/bin/python
[ -x "$C" ] || (cd .. && swift build -c release --product circle)
if ! "$PY" -c "import numpy, scipy, pandas, osmium" 2>/dev/null; then
  "${PYTHON:-python3}" -m venv "$VENV"
  "$VENV/bin/pip" install -q -r Scripts/requirements.txt
fi
has_pandana=0
if "$PY" -c "import pandana" 2>/dev/null || "$VENV/bin/pip" install -q -r Scripts/requirements-pandana.txt >/dev/null 2>&1; then
  "$PY" -c "import pandana" 2>/dev/null && has_pandana=1
fi
[ $has_pandana = 1 ] || echo "pandana does not install here: its column is left out"
W=$(mktemp -d /tmp/circle-compare.XXXXXX)
trap 'rm -rf "$W"' EXIT
cities=("$@")
[ ${#cities[@]} -eq 0 ] && cities=(city100k city1m)

for city in "${cities[@]}"; do
  net=data/$city.osm.pbf pois=data/${city}_pois.csv origins=data/${city}_origins.csv
  [ -f "$net" ] || { echo "$net missing: run Scripts/make_cities.sh"; continue; }
  # The graph cache (with its contraction hierarchies), rebuilt when older than the binary or the city.
  cache=data/$city.scgraph
  if [ ! -f "$cache" ] || [ "$cache" -ot "$C" ] || [ "$cache" -ot "$net" ]; then
    /usr/bin/time -f "  build-graph $city (once): %e s, %M KB" "$C" build-graph --network "$net" --out "$cache" --quiet >/dev/null
  fi
  common=(--origins "$origins" --facilities "$pois" --no-gaps --quiet)
  : > "$W/rows"
  for r in $(seq "$RUNS"); do
    rm -rf "$W/c" "$W/cc"
    # circle on the PBF, circle on the cache, then the SciPy pipeline: /usr/bin/time gives seconds and peak KB
    /usr/bin/time -f "%e %M" -o "$W/t1" "$C" analyze --network "$net" "${common[@]}" --out "$W/c" >/dev/null 2>&1
    /usr/bin/time -f "%e %M" -o "$W/t2" "$C" analyze --network "$cache" "${common[@]}" --out "$W/cc" >/dev/null 2>&1
    /usr/bin/time -f "%e %M" -o "$W/t3" "$PY" Scripts/scipy_pipeline.py --network "$net" --origins "$origins" \
      --facilities "$pois" --out "$W/times_scipy.csv" --quiet > "$W/scipy.json"
    "$PY" - "$W" >> "$W/rows" <<'PY'
import json, sys
w = sys.argv[1]
def t(name):
    e, kb = open(f"{w}/{name}").read().split()[-2:]
    return float(e), int(kb) / 1024
def search(folder):
    run = json.load(open(f"{w}/{folder}/run.json"))
    return run["timings"]["search"]
s = json.load(open(f"{w}/scipy.json"))
(e1, m1), (e2, m2), (e3, m3) = t("t1"), t("t2"), t("t3")
print(json.dumps({"circle": e1, "circle_mb": m1, "circle_search": search("c"),
                  "cached": e2, "cached_mb": m2, "cached_search": search("cc"),
                  "scipy": e3, "scipy_mb": m3, "scipy_search": s["search"], "scipy_stages": s}))
PY
  done
  pandana_json=""
  if [ $has_pandana = 1 ] && [[ " $PANDANA_CITIES " == *" $city "* ]]; then
    "$PY" Scripts/scipy_pipeline.py --network "$net" --origins "$origins" --facilities "$pois" \
      --out "$W/times_p.csv" --quiet --pandana 2>/dev/null | tail -1 > "$W/pandana.json" && pandana_json="$W/pandana.json"
  fi
  "$PY" - "$W" "$city" "$RUNS" "$pandana_json" <<'PY'
import csv, json, statistics, sys
w, city, runs, pj = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
rows = [json.loads(l) for l in open(f"{w}/rows")]
med = lambda k: statistics.median(r[k] for r in rows)
pair = lambda a, b: statistics.median(r[a] / r[b] for r in rows)   # ratio within each back-to-back pair
stages = {k: statistics.median(r["scipy_stages"][k] for r in rows) for k in rows[0]["scipy_stages"]}
print(f"== {city}: medians of {runs} runs, each run circle (PBF), circle (cache), SciPy back to back")
print(f"  circle analyze --no-gaps, PBF input   {med('circle'):7.2f} s  {med('circle_mb'):6.0f} MB  search {med('circle_search'):.3f} s")
print(f"  circle analyze --no-gaps, graph cache {med('cached'):7.2f} s  {med('cached_mb'):6.0f} MB  search {med('cached_search'):.3f} s")
print(f"  SciPy pipeline                        {med('scipy'):7.2f} s  {med('scipy_mb'):6.0f} MB  search {med('scipy_search'):.3f} s")
print("  SciPy stages: " + ", ".join(f"{k} {v:.2f} s" for k, v in stages.items()))
print(f"  ratio SciPy / circle end to end: PBF {pair('scipy', 'circle'):.1f}x, cache {pair('scipy', 'cached'):.1f}x")
print(f"  ratio SciPy / circle search stage: PBF {pair('scipy_search', 'circle_search'):.1f}x, "
      f"cache {pair('scipy_search', 'cached_search'):.1f}x")
if pj:
    p = json.load(open(pj))
    print(f"  pandana (walk graph only, one run): build {p['pandana_build']:.2f} s, search {p['pandana_search']:.2f} s; "
          f"ratio pandana / circle search stage (both modes) {p['pandana_search'] / med('cached_search'):.1f}x")
# Same work: the SciPy times must equal circle's (times.csv) to the listed thousandth.
def load(path):
    with open(path, newline="", encoding="utf-8-sig") as f:   # our CSVs start with a BOM
        return {(r["origin_id"], r["item"], r["mode"]): r["minutes"] for r in csv.DictReader(f)}
c, s = load(f"{w}/cc/times.csv"), load(f"{w}/times_scipy.csv")
pbf = load(f"{w}/c/times.csv")
keys = [k for k in s if k in c]
same = sum(1 for k in keys if c[k] == s[k])
close = sum(1 for k in keys if c[k] == s[k] or (c[k] and s[k] and abs(float(c[k]) - float(s[k])) <= 0.0015))
print(f"  times: {len(keys)} (origin, item) rows compared, {same} identical, {close} within 0.001 min, "
      f"{len(keys) - close} differ; circle PBF and cache times.csv identical: {pbf == c}")
PY
done
