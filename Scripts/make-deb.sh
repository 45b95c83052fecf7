#!/usr/bin/env bash
# Builds a Debian package of `circle` for machines without a Swift toolchain:
#   Scripts/make-deb.sh            → out/circle_VERSION_ARCH.deb
# The Swift runtime and Foundation are linked statically (--static-swift-stdlib); the C libraries
# (GEOS, PROJ, SQLite, zlib, bzip2, expat, libstdc++) stay shared and become `Depends:`, found
# from the binary's NEEDED entries with dpkg -S, plus proj-data (PROJ's database, read at run time).
# Install with: sudo apt-get install ./out/circle_*.deb
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}

$SWIFT build -c release --product circle --static-swift-stdlib
bin=.build/release/circle
version=$("$bin" --version | awk '{print $NF}')
arch=$(dpkg --print-architecture)

# Debian packages of the shared libraries the binary needs.
deps=()
for lib in $(objdump -p "$bin" | awk '/NEEDED/ {print $2}'); do
    path=$(ldconfig -p | awk -v l="$lib" '$1 == l {print $NF; exit}')
    [ -n "$path" ] || { echo "make-deb: $lib not found by ldconfig" >&2; exit 1; }
    pkg=""
    for candidate in "$path" "$(readlink -f "$path")" "${path/#\/lib\//\/usr\/lib\/}" "$(readlink -f "$path" | sed 's#^/lib/#/usr/lib/#')"; do
        pkg=$(dpkg -S "$candidate" 2>/dev/null | head -1 | cut -d: -f1) && [ -n "$pkg" ] && break
    done
    [ -n "$pkg" ] || { echo "make-deb: no Debian package owns $path" >&2; exit 1; }
    case " ${deps[*]:-} " in *" $pkg "*) ;; *) deps+=("$pkg") ;; esac
done
deps+=(proj-data)
depends=$(printf '%s, ' "${deps[@]}" | sed 's/, $//')

root=$(mktemp -d)
chmod 0755 "$root"
trap 'rm -rf "$root"' EXIT
install -D -m 0755 "$bin" "$root/usr/bin/circle"
strip --strip-unneeded "$root/usr/bin/circle"
doc="$root/usr/share/doc/circle"
install -D -m 0644 README.md "$doc/README.md"
install -d "$doc/docs"
install -m 0644 docs/*.md "$doc/docs/"
cat > "$doc/copyright" <<'TXT'
ServiceCircle (`circle`): 15-minute service circles from OpenStreetMap data.
The binary statically includes the Swift runtime and Foundation (Apache License 2.0 with Runtime
Library Exception, https://swift.org/LICENSE.txt) and libosmium and protozero (Boost Software
License 1.0). Map data is not included. See README.md for the project and its sample data.
TXT
size=$(du -sk "$root/usr" | cut -f1)
install -d "$root/DEBIAN"
cat > "$root/DEBIAN/control" <<TXT
Package: circle
Version: $version
Architecture: $arch
Maintainer: ServiceCircle <servicecircle@localhost>
Installed-Size: $size
Depends: $depends
Section: science
Priority: optional
Description: 15-minute service circles over OpenStreetMap street networks
 circle measures which public services every residential and village committee
 reaches within 15 minutes of walking or cycling over the street network, scores
 coverage per committee, subdistrict and area class, draws gap maps and writes a
 self-contained HTML report. No Swift toolchain is needed to run it.
TXT
mkdir -p out
deb=out/circle_${version}_${arch}.deb
dpkg-deb --build --root-owner-group "$root" "$deb" >/dev/null
echo "$deb ($(du -h "$deb" | cut -f1)); Depends: $depends"
