#!/usr/bin/env bash
# The nightly-job figures of issue 6 on city1m (Benchmarks/README.md): a full run, an unchanged
# rerun, reruns after one item's facilities changed (a new change each time, so every rerun
# really recomputes one item), and a run split into 3 shards plus the merge.
#   bash Benchmarks/Scripts/nightly.sh [RUNS]      (release build of circle expected)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
C=.build/release/circle
D=Benchmarks/data
W=$(mktemp -d /tmp/circle-nightly.XXXXXX)
trap 'rm -rf "$W"' EXIT
[ -x "$C" ] || { echo "build first: swift build -c release --product circle" >&2; exit 1; }
[ -f "$D/city1m.scgraph" ] || "$C" build-graph --network "$D/city1m.osm.pbf" --out "$D/city1m.scgraph" --quiet
common=(--network "$D/city1m.scgraph" --origins "$D/city1m_origins.csv" --quiet)

# Variant k of the facilities: the k-th kindergarten moved k × 300 m east.
variant() {
  python3 - "$D/city1m_pois.csv" "$W/pois_$1.csv" "$1" <<'PY'
import sys
src, dst, k = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = open(src).read().splitlines()
head = lines[0].split(','); lon = head.index('lon')
seen = 0
for i, line in enumerate(lines[1:], 1):
    f = line.split(',')
    if f[1] == 'kindergarten':
        seen += 1
        if seen == k:
            f[lon] = '%.7f' % (float(f[lon]) + 0.003 * k); lines[i] = ','.join(f); break
open(dst, 'w').write('\n'.join(lines) + '\n')
PY
}

t() { local label=$1; shift; /usr/bin/time -f "$label %e s %M KB" "$C" "$@" 2>&1 | grep -E " s [0-9]+ KB$"; }

# Pairs, back to back so that both see the same load: a full run on an empty cache, then a rerun
# after one item's facilities changed (variant r), and their ratio.
secs() { /usr/bin/time -f "%e" "$C" "$@" 2>&1 >/dev/null | tail -1; }
for r in $(seq "$runs"); do
  rm -rf "$W/full" "$W/cache" "$W/one"
  full=$(secs analyze "${common[@]}" --facilities "$D/city1m_pois.csv" --out "$W/full" --cache "$W/cache")
  variant "$r"
  one=$(secs analyze "${common[@]}" --facilities "$W/pois_$r.csv" --out "$W/one" --cache "$W/cache")
  echo "full run (empty cache) $full s, one item changed $one s, ratio $(echo "scale=3; $one / $full" | bc)"
  python3 -c "import json,sys; s=json.load(open(sys.argv[1])); print('  searches', s['searchUnits'], 'gap maps reused', s['gapMapsReused'])" "$W/one/summary.json"
done
for r in $(seq "$runs"); do
  t "unchanged rerun (--skip-unchanged)" analyze "${common[@]}" --facilities "$D/city1m_pois.csv" --out "$W/full" \
    --cache "$W/cache" --skip-unchanged || true
done
for r in $(seq "$runs"); do
  rm -rf "$W/parts" "$W/sharded" "$W/shared-cache"
  start=$(date +%s.%N)
  for k in 1 2 3; do
    t "  shard $k/3" analyze "${common[@]}" --facilities "$D/city1m_pois.csv" --out "$W/sharded" --shard "$k/3" \
      --parts "$W/parts" --cache "$W/shared-cache"
  done
  t "  merge" merge "$W/parts"
  echo "sharded run, shared cache (3 shards one after another + merge) $(echo "$(date +%s.%N) - $start" | bc) s"
  start=$(date +%s.%N)
  for k in 1 2 3; do
    t "  shard $k/3 after one item changed" analyze "${common[@]}" --facilities "$W/pois_$r.csv" --out "$W/sharded" \
      --shard "$k/3" --parts "$W/parts" --cache "$W/shared-cache"
  done
  t "  merge" merge "$W/parts"
  echo "sharded rerun after one item changed $(echo "$(date +%s.%N) - $start" | bc) s"
done
