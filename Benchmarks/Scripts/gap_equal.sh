#!/usr/bin/env bash
# Compares two output folders of `circle analyze` (issue 14 §4): every file but run.json,
# report.html and summary.json byte for byte, except the gap maps (gaps/*.geojson, gaps.geojson),
# which must hold the same geometry (GEOS: symmetric difference of each pair of features of area 0,
# up to the 7-decimal grid) and the same properties in the same order. summary.json is compared
# without its timings. Exit 0 when everything agrees.
#   bash Benchmarks/Scripts/gap_equal.sh OLD_OUT NEW_OUT
set -euo pipefail
old=$1 new=$2
here=$(cd "$(dirname "$0")" && pwd)
tool=$(mktemp -d /tmp/gap-equal.XXXXXX)
trap 'rm -rf "$tool"' EXIT
cc -O2 "$here/gap_geometry_equal.c" $(geos-config --cflags) $(geos-config --clibs) -o "$tool/equal"
status=0 same=0 geometric=0
while read -r f; do
  if cmp -s "$old/$f" "$new/$f"; then same=$((same + 1)); continue; fi
  case "$f" in
    ./gaps.geojson|./gaps/*.geojson)
      if "$tool/equal" "$old/$f" "$new/$f" >/dev/null && python3 - "$old/$f" "$new/$f" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
sys.exit(0 if [f["properties"] for f in a["features"]] == [f["properties"] for f in b["features"]] else 1)
PY
      then geometric=$((geometric + 1)); else echo "DIFFERENT GEOMETRY OR PROPERTIES: $f"; "$tool/equal" "$old/$f" "$new/$f" || true; status=1; fi ;;
    *) echo "DIFFERENT BYTES: $f"; status=1 ;;
  esac
done < <(cd "$old" && find . -type f ! -name run.json ! -name report.html ! -name summary.json | sort)
missing=$(diff <(cd "$old" && find . -type f | sort) <(cd "$new" && find . -type f | sort) || true)
[ -z "$missing" ] || { echo "DIFFERENT FILE LISTS:"; echo "$missing"; status=1; }
if ! python3 - "$old/summary.json" "$new/summary.json" <<'PY'
import json, sys
def strip(v):
    if isinstance(v, dict): return {k: strip(x) for k, x in v.items() if k not in ("timings", "seconds", "generated")}
    if isinstance(v, list): return [strip(x) for x in v]
    return v
a, b = (strip(json.load(open(p))) for p in sys.argv[1:3])
sys.exit(0 if a == b else 1)
PY
then echo "DIFFERENT summary.json (beyond timings)"; status=1; fi
[ $status = 0 ] && echo "outputs agree: $same files identical, $geometric gap files with the same geometry and properties"
exit $status
