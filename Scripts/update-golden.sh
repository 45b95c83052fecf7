#!/usr/bin/env bash
# Regenerates the golden outputs in geodata/helsinki/golden/ after a deliberate change of results.
# Review the diff before committing: every changed number must be explained.
#   golden/run/          circle analyze on the Helsinki test inputs (times, origins, subdistricts, facilities)
#   golden/times_reference.csv   the independent Python reference (Scripts/crosscheck) on the same inputs
set -euo pipefail
cd "$(dirname "$0")/.."
ITEMS=kindergarten,primary_school,community_health_center,supermarket,community_park,bus_stop
swift build -c release
.build/release/circle analyze --network geodata/helsinki/Helsinki.osm.pbf \
  --origins geodata/helsinki/test-origins.csv --facilities geodata/helsinki/test-facilities.csv \
  --items "$ITEMS" --out geodata/helsinki/golden/run --quiet
# Only the four tables are golden files; tests check summary.json's figures and the maps otherwise.
find geodata/helsinki/golden/run -mindepth 1 ! -name '*.csv' -exec rm -rf {} +
python3 Scripts/crosscheck/reference_times.py --network geodata/helsinki/Helsinki.osm.pbf \
  --origins geodata/helsinki/test-origins.csv --facilities geodata/helsinki/test-facilities.csv \
  --items "$ITEMS" --out geodata/helsinki/golden/times_reference.csv --quiet
python3 Scripts/crosscheck/compare_times.py geodata/helsinki/golden/run/times.csv geodata/helsinki/golden/times_reference.csv
