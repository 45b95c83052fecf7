#!/usr/bin/env bash
# What-if scenario cost of two binaries, back to back (Benchmarks/README.md, "What-if scenarios"):
#   bash Benchmarks/Scripts/scenario-ab.sh RUNS pudong|city100k|city1m OLD_BINARY NEW_BINARY
# Each binary gets its own cache and baseline; prints medians of wall and CPU (user+sys) seconds.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=$1; city=$2; shift 2; bins=("$@")
W=$(mktemp -d /tmp/circle-scenario-ab.XXXXXX)
if [ "$city" = pudong ]; then
  G=geodata/pudong-synthetic
  "${bins[0]}" build-graph --network $G/network.osm.pbf --out "$W/net.scgraph" --quiet >/dev/null
  common=(--network "$W/net.scgraph" --origins $G/origins.csv --facilities $G/facilities.csv --areas $G/subdistricts.geojson --quiet)
  item=幼儿园; lon0=121.50; lat0=31.20
else
  D=Benchmarks/data
  common=(--network "$D/$city.scgraph" --origins "$D/${city}_origins.csv" --facilities "$D/${city}_pois.csv" --quiet)
  item=kindergarten; lon0=$(awk -F, 'NR==2{print $3}' "$D/${city}_pois.csv"); lat0=$(awk -F, 'NR==2{print $4}' "$D/${city}_pois.csv")
fi
t() { /usr/bin/time -f "%e %U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%s %.2f\n", $1, $2+$3}'; }
for b in "${!bins[@]}"; do "${bins[$b]}" analyze "${common[@]}" --cache "$W/cache$b" --out "$W/base$b" >/dev/null 2>&1; done
for r in $(seq "$runs"); do
  printf 'action,item,lon,lat\nadd,%s,%.7f,%.7f\n' "$item" "$(echo "$lon0 + 0.002 * $r" | bc -l)" "$lat0" > "$W/s$r.csv"
  for b in "${!bins[@]}"; do
    rm -rf "$W/full$b" "$W/scen$b"; sync   # as scenario.sh: no earlier run's folder or pending writes
    echo "F $b $(t "${bins[$b]}" analyze "${common[@]}" --out "$W/full$b")" >> $W/log
    sync
    echo "S $b $(t "${bins[$b]}" analyze "${common[@]}" --cache "$W/cache$b" --scenario "$W/s$r.csv" --baseline "$W/base$b" --out "$W/scen$b")" >> $W/log
  done
done
for b in "${!bins[@]}"; do
  med() { grep "^$1 $b " $W/log | awk -v c=$2 '{print $c}' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
  fw=$(med F 3); fc=$(med F 4); sw=$(med S 3); sc=$(med S 4)
  echo "${bins[$b]}: full wall $fw cpu $fc | scenario wall $sw cpu $sc | ratio wall $(echo "scale=3; $sw/$fw" | bc) cpu $(echo "scale=3; $sc/$fc" | bc)"
done
# outputs of the last scenario equal between binaries (run.json apart)
diff -rq "$W/scen0" "$W/scen1" | grep -v run.json || echo "last scenario outputs identical (run.json apart)"
echo "work: $W"
