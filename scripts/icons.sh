#!/usr/bin/env bash
# Redraws the app's icon set from assets/icons/privacy-desk.svg: the PNGs the Linux packages
# and the macOS bundle use (32, 64, 128, 256 and 512 pixels) and the Windows icon
# (privacy-desk.ico, 16 to 256 pixels). The results are committed, so packaging never needs
# these tools; run this only after changing the SVG. Needs Debian's librsvg2-bin and icoutils:
#   sudo apt-get install librsvg2-bin icoutils
set -euo pipefail
cd "$(dirname "$0")/../assets/icons"

missing=()
command -v rsvg-convert >/dev/null 2>&1 || missing+=("rsvg-convert (Debian package librsvg2-bin)")
command -v icotool >/dev/null 2>&1 || missing+=("icotool (Debian package icoutils)")
if [ ${#missing[@]} -gt 0 ]; then
    printf 'scripts/icons.sh: missing %s\n' "${missing[@]}" >&2
    exit 1
fi

for size in 32 64 128 256 512; do
    rsvg-convert -w "$size" -h "$size" privacy-desk.svg -o "${size}x${size}.png"
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for size in 16 24 48; do
    rsvg-convert -w "$size" -h "$size" privacy-desk.svg -o "$tmp/$size.png"
done
icotool -c -o privacy-desk.ico "$tmp/16.png" "$tmp/24.png" 32x32.png "$tmp/48.png" 64x64.png \
    256x256.png
echo "assets/icons: $(ls | tr '\n' ' ')"
