#!/usr/bin/env bash
# Refreshes assets/screenshot.png: the Dashboard of a sample store, drawn in a real window on a
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
"$bin" --store "$store" --user "Sam Baker" init --kdf-memory-mib 19 --kdf-iterations 2 >/dev/null
"$bin" --store "$store" profile set --name "Corner Bakery Ltd" \
    --controller-name "Sam Baker" --controller-email privacy@cornerbakery.example \
    --regime uk-gdpr --regime gdpr --no-dpo >/dev/null
for who in "ada@example.org Ada Lovelace" "grace@example.org Grace Hopper" "alan@example.org Alan Turing"; do
    set -- $who
    "$bin" --store "$store" subject add --email "$1" --name "$2 $3" >/dev/null
    "$bin" --store "$store" consent record "$1" --purpose newsletter --event given \
        --channel double-opt-in-email --form-id newsletter-signup >/dev/null
done
"$bin" --store "$store" consent record alan@example.org --purpose newsletter --event withdrawn \
    --channel web-form >/dev/null
"$bin" --store "$store" request open --type access --regime uk-gdpr --email grace@example.org \
    --received "$(date -d '33 days ago' +%F)" --channel letter >/dev/null
"$bin" --store "$store" request open --type erasure --regime uk-gdpr --email alan@example.org \
    --received "$(date -d '25 days ago' +%F)" >/dev/null
"$bin" --store "$store" request open --type know --regime ccpa --email ada@example.org \
    --received "$(date -d '3 days ago' +%F)" --channel web-form >/dev/null
"$bin" --store "$store" retention adopt >/dev/null
"$bin" --store "$store" audit verify >/dev/null

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
