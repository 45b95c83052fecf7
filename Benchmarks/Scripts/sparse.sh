#!/usr/bin/env bash
# Issue 15 §3: a city with very sparse items (30 facilities of each of 22 items over about
# 17 x 13 km, 50,000 origins), run with gap maps for every item at 50 m cells, then checked with
# `circle verify`. Needs a release build of circle (`swift build -c release` at the top) and
# Benchmarks/data/citysparse* (`Scripts/make_cities.sh sparse`).
#
# Usage: Benchmarks/Scripts/sparse.sh [extra analyze options, e.g. --gap-mask osm]
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$SCRIPT_DIR/../.." && pwd)"
DATA="$REPO/Benchmarks/data"
CIRCLE="${CIRCLE:-$REPO/.build/release/circle}"
OUT="${OUT:-$DATA/sparse-run}"
[ -f "$DATA/citysparse.osm.pbf" ] || bash "$SCRIPT_DIR/make_cities.sh" sparse
"$CIRCLE" build-graph --network "$DATA/citysparse.osm.pbf" --out "$DATA/citysparse.scgraph" --quiet
/usr/bin/time -f "analyze: %e s, peak %M KB" "$CIRCLE" analyze --network "$DATA/citysparse.scgraph" \
    --origins "$DATA/citysparse_origins.csv" --facilities "$DATA/citysparse_pois.csv" \
    --out "$OUT" --quiet "$@"
"$CIRCLE" verify "$OUT" | tail -1
python3 - "$OUT" <<'PY'
import json, sys, os
out = sys.argv[1]
s = json.load(open(os.path.join(out, "summary.json")))
r = json.load(open(os.path.join(out, "run.json")))
g = s["gapStudy"]
print("study area %.1f km2 (%d cells of %g m): %s" % (g["areaKm2"], g["cells"], g["cellM"], g["basis"]))
t = r["timings"]
print("timings: " + ", ".join("%s %.2f s" % (k, t[k]) for k in ["gap grid", "snap cells", "search", "gap maps", "write gaps"] if k in t))
rows = []
for f in sorted(os.listdir(os.path.join(out, "gaps"))):
    p = json.load(open(os.path.join(out, "gaps", f)))["features"][0]
    geom = p["geometry"]
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    holes = sum(len(pp) - 1 for pp in polys)
    pr = p["properties"]
    rows.append((pr["item"], len(polys), holes, pr["area_m2"] / 1e6, pr["cells"]))
print("item, polygons, holes, gap km2, cells")
for row in rows:
    print("  %s: %d polygons, %d holes, %.2f km2, %d cells" % row)
PY
