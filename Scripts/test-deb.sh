#!/usr/bin/env bash
# Installs out/circle_*.deb with apt-get on this machine (as root or with sudo), then runs the
# installed /usr/bin/circle: --version and the demo's Pudong-like analysis, checked with verify.
# Removes the package again at the end unless KEEP=1.
#   Scripts/test-deb.sh [PACKAGE.deb]
set -euo pipefail
cd "$(dirname "$0")/.."
deb=${1:-$(ls -t out/circle_*.deb | head -1)}
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -qq "./$deb" >/dev/null
trap '[ "${KEEP:-0}" = 1 ] || $SUDO apt-get remove -y -qq circle >/dev/null' EXIT
[ "$(command -v circle)" = /usr/bin/circle ] || { echo "test-deb: circle is not /usr/bin/circle" >&2; exit 1; }
/usr/bin/circle --version
work=$(mktemp -d)
g=geodata/pudong-synthetic
# No Swift toolchain in the way: the installed binary must not need /opt/swift or .build.
env -i PATH=/usr/bin:/bin HOME="$work" /usr/bin/circle analyze --network $g/network.osm.pbf --origins $g/origins.csv \
    --facilities $g/facilities.csv --areas $g/subdistricts.geojson --out "$work/run" --quiet
env -i PATH=/usr/bin:/bin /usr/bin/circle verify "$work/run"
test -s "$work/run/report.html"
if ldd /usr/bin/circle | grep -q swift; then echo "test-deb: /usr/bin/circle links a Swift library" >&2; exit 1; fi
rm -rf "$work"
echo "test-deb: ok ($deb)"
