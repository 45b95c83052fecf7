#!/usr/bin/env bash
# What-if scenario cost (issue 12): a full `circle analyze` (empty cache) against a scenario adding
# one facility with a warm cache (`--cache`, `--baseline`), measured in back-to-back pairs. Each
# scenario adds its kindergarten at another place, so every one really searches that item again.
#   bash Benchmarks/Scripts/scenario.sh [RUNS] [pudong|city100k]   (release build of circle expected)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
city=${2:-pudong}
C=.build/release/circle
W=$(mktemp -d /tmp/circle-scenario.XXXXXX)
trap 'rm -rf "$W"' EXIT
[ -x "$C" ] || { echo "build first: swift build -c release --product circle" >&2; exit 1; }
if [ "$city" = pudong ]; then
  G=geodata/pudong-synthetic
  "$C" build-graph --network $G/network.osm.pbf --out "$W/net.scgraph" --quiet >/dev/null
  common=(--network "$W/net.scgraph" --origins $G/origins.csv --facilities $G/facilities.csv --areas $G/subdistricts.geojson --quiet)
  item=幼儿园; lon0=121.50; lat0=31.20
else
  D=Benchmarks/data
  [ -f "$D/$city.scgraph" ] || "$C" build-graph --network "$D/$city.osm.pbf" --out "$D/$city.scgraph" --quiet >/dev/null
  common=(--network "$D/$city.scgraph" --origins "$D/${city}_origins.csv" --facilities "$D/${city}_pois.csv" --quiet)
  item=kindergarten; lon0=$(awk -F, 'NR==2{print $3}' "$D/${city}_pois.csv"); lat0=$(awk -F, 'NR==2{print $4}' "$D/${city}_pois.csv")
fi
secs() { /usr/bin/time -f "%e" "$C" "$@" 2>&1 >/dev/null | tail -1; }
"$C" analyze "${common[@]}" --cache "$W/cache" --out "$W/base" >/dev/null   # the baseline, warming the cache
full=(); scen=()
for r in $(seq "$runs"); do
  rm -rf "$W/full"; sync   # each timed run starts with no other run's writes pending, the scenario's as the full run's
  full+=("$(secs analyze "${common[@]}" --out "$W/full")")
  printf 'action,item,lon,lat\nadd,%s,%.7f,%.7f\n' "$item" "$(echo "$lon0 + 0.002 * $r" | bc -l)" "$lat0" > "$W/s$r.csv"
  rm -rf "$W/scen"; sync
  scen+=("$(secs analyze "${common[@]}" --cache "$W/cache" --scenario "$W/s$r.csv" --baseline "$W/base" --out "$W/scen")")
  echo "run $r: full ${full[-1]} s, one-facility scenario ${scen[-1]} s"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
mf=$(median "${full[@]}"); ms=$(median "${scen[@]}")
echo "median: full $mf s, scenario $ms s, ratio $(echo "scale=3; $ms / $mf" | bc -l)"
python3 -c "import json; s=json.load(open('$W/scen/summary.json')); print('last scenario: searchUnits', s['searchUnits'], 'reused', s['searchUnitsReused'], 'gap maps reused', s['gapMapsReused'])"
