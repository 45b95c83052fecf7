#!/usr/bin/env bash
# Renders report.html to a PNG with Debian's chromium in headless mode, as a person would see it.
#
#   Scripts/screenshot-report.sh REPORT.html OUT.png [WIDTHxHEIGHT]
#
# The window defaults to 1280x4000 (the whole report of a small run). Installs `chromium` and the
# Noto CJK fonts with apt-get when missing (without a CJK font, Chinese labels draw as boxes).
# Chromium runs with networking disabled, so a report that needed the network would show it.
set -euo pipefail

if [ $# -lt 2 ]; then
    echo "usage: $0 REPORT.html OUT.png [WIDTHxHEIGHT]" >&2
    exit 64
fi
report=$1
out=$2
size=${3:-1280x4000}
[ -f "$report" ] || { echo "$0: no such file: $report" >&2; exit 1; }
case $size in
    *x*) window="${size%x*},${size#*x}" ;;
    *) echo "$0: size must be WIDTHxHEIGHT, not $size" >&2; exit 64 ;;
esac

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if command -v fc-list >/dev/null 2>&1; then
    fc-list :lang=zh family 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
else
    missing+=(fonts-noto-cjk)
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}" >&2
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >&2
fi

abs_report=$(cd "$(dirname "$report")" && pwd)/$(basename "$report")
abs_out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

# --proxy-server with an unroutable address keeps any network request from succeeding.
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
    --no-first-run --disable-extensions --proxy-server="127.0.0.1:9" --proxy-bypass-list="<-loopback>" \
    --run-all-compositor-stages-before-draw --virtual-time-budget=2000 \
    --window-size="$window" --screenshot="$abs_out" "file://$abs_report" >/dev/null 2>&1 || {
    echo "$0: chromium failed on $abs_report" >&2
    exit 1
}
[ -s "$abs_out" ] || { echo "$0: chromium wrote no screenshot" >&2; exit 1; }
echo "$abs_out"
