#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets of Fuzz/Targets with AddressSanitizer and runs each for
# FUZZ_SECONDS (default 60), seeded from Fuzz/seeds, the geodata samples and graph caches built
# from the test fixtures. Not part of `make test`. See docs/fuzzing.md.
#
#   FUZZ_SECONDS=180 make fuzz                 # each target three minutes
#   FUZZ_TARGETS="FuzzCSVPoints" make fuzz     # one target
#
# Findings (crashes, leaks of memory safety, timeouts) land in .build/fuzz/artifacts; the script
# exits 1 when there is one. The figures of each run go to .build/fuzz/summary.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH=${FUZZ_SECONDS:-60}
TARGETS=${FUZZ_TARGETS:-"FuzzCSVPoints FuzzGeoJSONPoints FuzzAreas FuzzJobYAML FuzzCatalog FuzzGraphCache"}
SWIFT=${SWIFT:-swift}
BUILD=.build/fuzz
WORK=$BUILD/work
mkdir -p "$WORK" "$BUILD/artifacts"

# The fuzz targets are declared by Package.swift only under CIRCLE_FUZZ=1; the toolchain ships
# libFuzzer and ASan, so no Debian package is needed beyond those of `make test`.
# `--sanitize fuzzer` links libFuzzer's main; the compile flags must name both sanitizers in one
# `-sanitize=fuzzer,address` (given as two flags, swiftc keeps only the last, and the code would
# not be instrumented for coverage). C code (libyaml) gets the same through -Xcc.
for t in $TARGETS; do
  CIRCLE_FUZZ=1 $SWIFT build --build-path "$BUILD" --sanitize fuzzer -Xswiftc -sanitize=fuzzer,address \
    -Xcc -fsanitize=fuzzer-no-link,address --product "$t" 2>&1 | grep -v "Cannot export local symbol" | tail -1
done

# Seeds: the committed ones, plus graph caches of the OSM fixtures (built by a normal `circle`).
seeds() {
  local t=$1 dir=$WORK/seeds/$1
  rm -rf "$dir" && mkdir -p "$dir"
  cp Fuzz/seeds/"$t"/* "$dir"/ 2>/dev/null || true
  if [ "$t" = FuzzGraphCache ]; then
    $SWIFT build --product circle 2>&1 | tail -1
    for osm in Tests/Fixtures/osm/*.osm; do
      local name cache
      name=$(basename "$osm" .osm)
      cache=$WORK/$name.scgraph
      .build/debug/circle build-graph --network "$osm" --out "$cache" --quiet >/dev/null 2>&1 || continue
      # First byte even: the whole loader; odd: the payload decoder (past the header).
      { printf '\000'; cat "$cache"; } > "$dir/$name.load"
      python3 - "$cache" "$dir/$name.payload" <<'PY'
import struct, sys
data = open(sys.argv[1], 'rb').read()
header_length = struct.unpack_from('<I', data, 12)[0]
open(sys.argv[2], 'wb').write(b'\x01' + data[16 + header_length:])
PY
    done
  fi
  echo "$dir"
}

printf 'target\tseconds\texecutions\texec/s\tcorpus\tfindings\n' > "$BUILD/summary.tsv"
status=0
for t in $TARGETS; do
  seeddir=$(seeds "$t" | tail -1)
  corpus=$WORK/corpus/$t
  mkdir -p "$corpus"
  log=$BUILD/$t.log
  echo "fuzzing $t for ${SECONDS_EACH}s (log: $log)"
  set +e
  # SWIFT_BACKTRACE off: Swift's crash backtracer trips ASan after a trap and hides the message.
  SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 "$BUILD/debug/$t" "$corpus" "$seeddir" \
    -max_total_time="$SECONDS_EACH" -max_len=65536 -rss_limit_mb=4096 -timeout=20 \
    -artifact_prefix="$BUILD/artifacts/$t-" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -oE 'stat::number_of_executed_units: +[0-9]+' "$log" | awk '{print $2}' | tail -1)
  speed=$(grep -oE 'stat::average_exec_per_sec: +[0-9]+' "$log" | awk '{print $2}' | tail -1)
  size=$(find "$corpus" -type f | wc -l)
  found=$(ls "$BUILD/artifacts" | grep -c "^$t-" || true)
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$SECONDS_EACH" "${runs:-?}" "${speed:-?}" "$size" "$found" >> "$BUILD/summary.tsv"
  if [ $rc -ne 0 ] || [ "$found" -gt 0 ]; then
    echo "  FINDING in $t (exit $rc): see $log and $BUILD/artifacts/$t-*" >&2
    grep -E "ERROR|SUMMARY|Fatal error|deadly signal" "$log" | head -5 >&2 || true
    status=1
  fi
done
column -t "$BUILD/summary.tsv"
exit $status
