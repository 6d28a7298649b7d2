#!/usr/bin/env bash
# Refreshes assets/screenshot.png: the Dashboard of a demo store, drawn in a real window on a
# virtual screen. Needs Xvfb, xdotool and ImageMagick:
#   sudo apt-get install xvfb xdotool imagemagick libgl1-mesa-dri
# Usage: scripts/screenshot.sh [debug|release]   (default: release)
set -euo pipefail
cd "$(dirname "$0")/.."

profile="${1:-release}"
if [ "$profile" = release ]; then cargo build --release; else cargo build; fi
bin="target/$profile/privacy-desk"

work="$(mktemp -d)"
display=":77"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

export PRIVACY_DESK_PASSPHRASE="sample passphrase for the screenshot"
# Keep the window's preferences out of the user's own data folder.
export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
store="$work/store.pdesk"
# A demo store: made-up people, requests, retention, records, vendors and assessments.
"$bin" --store "$store" demo --subjects 5000 --kdf-memory-mib 19 --kdf-iterations 2 >/dev/null

Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
pids+=($!)
sleep 1
DISPLAY="$display" "$bin" --store "$store" >/dev/null 2>&1 &
pids+=($!)
sleep 3
# No window manager runs on the virtual screen: give the window keyboard focus ourselves.
DISPLAY="$display" xdotool search --sync --name "Privacy Desk" windowfocus --sync
DISPLAY="$display" xdotool type --delay 30 "$PRIVACY_DESK_PASSPHRASE"
DISPLAY="$display" xdotool key Return
sleep 3
DISPLAY="$display" xdotool key ctrl+1
# Park the pointer where it hovers nothing (the chart shows a crosshair under it).
DISPLAY="$display" xdotool mousemove 90 700
sleep 1
DISPLAY="$display" import -window root -crop 1100x720+0+0 +repage assets/screenshot.png
echo "wrote assets/screenshot.png"
