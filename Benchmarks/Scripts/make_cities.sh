#!/usr/bin/env bash
# Generate the synthetic benchmark cities into Benchmarks/data/ (git-ignored):
#   city100k.osm.pbf, city1m.osm.pbf   (~100k / ~1M OSM nodes, seed 42)
#   cityXXX_pois.csv, cityXXX_origins.csv   (facilities and origins for coverage benchmarks)
#   citysparse.osm.pbf (~110k nodes, about 17 x 13 km) with citysparse_pois.csv: very sparse items,
#   30 facilities of each of 22 items (the 21 basic ones and metro_station), and 50,000 origins:
#   large ragged gap regions for every item (issue 15 §3; Scripts/sparse.sh runs it)
#
# Usage: Benchmarks/Scripts/make_cities.sh [100k] [1m] [sparse]      (default: 100k and 1m)
# Env:   SEED (default 42), PYTHON (default python3)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$SCRIPT_DIR/../.." && pwd)"
DATA="$REPO/Benchmarks/data"
SEED="${SEED:-42}"
PYTHON="${PYTHON:-python3}"

if ! command -v osmium >/dev/null 2>&1; then
    echo "osmium not found; installing osmium-tool" >&2
    if [ "$(id -u)" -eq 0 ]; then
        apt-get install -y osmium-tool || { apt-get update && apt-get install -y osmium-tool; }
    else
        sudo apt-get install -y osmium-tool || { sudo apt-get update && sudo apt-get install -y osmium-tool; }
    fi
fi

mkdir -p "$DATA"

make_city() {   # name node-count [extra gen_city.py arguments]
    local name="$1" nodes="$2"
    shift 2
    local osm="$DATA/$name.osm" pbf="$DATA/$name.osm.pbf"
    local t0=$SECONDS
    "$PYTHON" "$SCRIPT_DIR/gen_city.py" --nodes "$nodes" --seed "$SEED" --out "$osm" \
        --pois "$DATA/${name}_pois.csv" --origins "$DATA/${name}_origins.csv" "$@"
    osmium cat "$osm" -o "$pbf" --overwrite
    rm -f "$osm"
    echo "$name: $pbf ($(du -h "$pbf" | cut -f1), $((SECONDS - t0))s)" >&2
}

sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(100k 1m)
for s in "${sizes[@]}"; do
    case "$s" in
        100k) make_city city100k 100000 ;;
        1m)   make_city city1m 1000000 ;;
        sparse) make_city citysparse 110000 --pois-per-item 30 \
                    --pois-items "$("$PYTHON" -c 'import sys; sys.path.insert(0, sys.argv[1]); import gen_city; print(",".join(gen_city.ITEMS + ["metro_station"]))' "$SCRIPT_DIR")" ;;
        *)    echo "unknown size '$s' (expected 100k, 1m or sparse)" >&2; exit 2 ;;
    esac
done
