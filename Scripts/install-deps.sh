#!/usr/bin/env bash
# Installs the Debian packages ServiceCircle needs, idempotently: `apt-get update` runs only when
# a package is missing. Safe to run on every `make` invocation.
set -euo pipefail

PACKAGES=(
  pkg-config
  libgeos-dev           # geometry (GEOS C API)
  libproj-dev proj-data # projections (PROJ, with proj.db offline)
  libosmium2-dev libprotozero-dev zlib1g-dev libbz2-dev libexpat1-dev  # OSM reading
  osmium-tool           # making PBF fixtures and benchmark inputs
  libsqlite3-dev        # run history (GRDB.swift)
  libglpk-dev           # exact siting plans (GLPK's MIP solver, C API)
  libgdal-dev           # GIS formats in and out (GDAL/OGR C API): Shapefile, GeoPackage, XLSX, FlatGeobuf, KML
  libssl-dev            # SHA-256 of input files (OpenSSL's libcrypto, SHA extensions)
  libpq-dev             # PostGIS run store (--db): PostgreSQL's C client library
  postgresql postgresql-15-postgis-3  # tests start a throwaway PostgreSQL 15 + PostGIS 3 server for --db
  gdal-bin              # ogrinfo: tests read the GeoJSON gap maps back as GIS users would
  chromium              # headless browser: tests open report.html as a planner would (Scripts/browser-check.py)
  fonts-noto-cjk        # Chinese labels in the browser tests' screenshots
  python3               # Scripts/browser-check.py, Scripts/crosscheck
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
