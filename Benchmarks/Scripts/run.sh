#!/usr/bin/env bash
# Runs the network benchmarks on the synthetic cities (release build), medians of 5 runs.
set -euo pipefail
cd "$(dirname "$0")/.."
B=.build/release/circle-bench
CIRCLE=../.build/release/circle
[ -x "$CIRCLE" ] || (cd .. && swift build -c release)
for city in city100k city1m; do
  f=data/$city.osm.pbf
  [ -f "$f" ] || continue
  $B read "$f" --runs 5
  $B build "$f" --runs 5
  $CIRCLE build-graph --network "$f" --out "data/$city.scgraph" --quiet >/dev/null
  $B cache-load "data/$city.scgraph" --runs 5
  $B snap "data/$city.scgraph" --runs 3
done
