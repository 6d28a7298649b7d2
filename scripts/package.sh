#!/usr/bin/env bash
# Builds the installers this platform can make, with cargo-packager and the configuration in
# Cargo.toml ([package.metadata.packager]): a .deb and an AppImage on Linux, an NSIS installer
# (.exe) on Windows, a .dmg on macOS. Each has the icon (assets/icons), a desktop entry or
# Start-menu item, the product name and the version from Cargo.toml.
#
# Usage: scripts/package.sh [--formats LIST] [--binary PATH] [--out DIR]
#   --formats LIST  comma-separated, from: deb, appimage (Linux), nsis (Windows), dmg (macOS);
#                   default: every format this platform can build
#   --binary PATH   package this privacy-desk binary instead of making a release build first
#                   (the .deb test packages the binary `cargo test` built)
#   --out DIR       where the packages go (default: target/packages)
#
# Needs cargo-packager:  cargo install cargo-packager --version 0.11.8 --locked
# The AppImage step downloads linuxdeploy on its first run (kept in ~/.cache/.cargo-packager);
# the Windows installer needs NSIS, which cargo-packager downloads on its first run there.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
    sed -n '7,13p' "$0" | sed 's/^# \{0,1\}//' >&2
}

fail() {
    echo "scripts/package.sh: $*" >&2
    exit 1
}

formats=""
binary=""
out="${CARGO_TARGET_DIR:-target}/packages"
while [ $# -gt 0 ]; do
    case "$1" in
        --formats) [ $# -ge 2 ] || fail "--formats needs a list, e.g. --formats deb"; formats="$2"; shift 2 ;;
        --binary) [ $# -ge 2 ] || fail "--binary needs the path of a built privacy-desk"; binary="$2"; shift 2 ;;
        --out) [ $# -ge 2 ] || fail "--out needs a folder"; out="$2"; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) usage; fail "unknown option '$1' (see the usage above)" ;;
    esac
done

case "$(uname -s)" in
    Linux) platform="Linux"; can="deb,appimage"; exe="" ;;
    Darwin) platform="macOS"; can="dmg"; exe="" ;;
    MINGW* | MSYS* | CYGWIN*) platform="Windows"; can="nsis"; exe=".exe" ;;
    *) fail "no installer is configured for $(uname -s): packages are made on Linux (deb, appimage), macOS (dmg) and Windows (nsis)" ;;
esac
[ -n "$formats" ] || formats="$can"
IFS=',' read -r -a wanted <<<"$formats"
for format in "${wanted[@]}"; do
    case ",$can," in
        *",$format,"*) ;;
        *) fail "'$format' cannot be built on $platform (this platform builds: $can)" ;;
    esac
done

if ! cargo packager --version >/dev/null 2>&1; then
    fail "cargo-packager is not installed. Install it with:
    cargo install cargo-packager --version 0.11.8 --locked
(it needs nothing else on Linux for the .deb; then run scripts/package.sh again)"
fi

mkdir -p "$out"
out="$(cd "$out" && pwd)"
if [ -n "$binary" ]; then
    [ -f "$binary" ] || fail "--binary $binary: no such file (build it first, e.g. cargo build --release)"
    # cargo-packager takes the binary from <cargo's target folder>/<profile>, under the name
    # Cargo.toml gives it (0.11.8 ignores its --binaries-dir option when the configuration
    # comes from Cargo.toml). So the binary is copied to <staged>/debug and cargo-packager,
    # which only asks `cargo metadata`, is shown <staged> as the target folder: nothing is
    # built there.
    staged="$out/.binary"
    rm -rf "$staged"
    mkdir -p "$staged/debug"
    cp "$binary" "$staged/debug/privacy-desk$exe"
    from=(--binaries-dir "$staged/debug")
else
    echo "== cargo build --release --locked"
    cargo build --release --locked
    from=(--release)
fi

packager() {
    if [ -n "${staged:-}" ]; then
        CARGO_TARGET_DIR="$staged" cargo packager "$@"
    else
        cargo packager "$@"
    fi
}

failed=()
for format in "${wanted[@]}"; do
    echo "== cargo packager --formats $format"
    log="$out/.packager-$format.log"
    if packager --formats "$format" --out-dir "$out" "${from[@]}" >"$log" 2>&1; then
        rm -f "$log"
    else
        cat "$log" >&2
        rm -f "$log"
        case "$format" in
            appimage) hint="the AppImage step downloads linuxdeploy and its AppImage plugin on its first run (into ~/.cache/.cargo-packager/AppImage): it needs a connection to GitHub once" ;;
            nsis) hint="the Windows installer needs NSIS, which cargo-packager downloads on its first run: it needs a connection once" ;;
            dmg) hint="the .dmg is made with macOS's hdiutil" ;;
            *) hint="see the packager's messages above" ;;
        esac
        failed+=("$format ($hint)")
    fi
done
# The packager's working copies (another copy of the binary each) are not needed any more.
rm -rf "${staged:-}" "$out/.cargo-packager"

echo "== packages in $out"
found=0
for file in "$out"/*.deb "$out"/*.AppImage "$out"/*-setup.exe "$out"/*.dmg; do
    [ -e "$file" ] || continue
    echo "$file ($(du -h "$file" | cut -f1))"
    found=1
done
[ "$found" = 1 ] || echo "(none)"

if [ ${#failed[@]} -gt 0 ]; then
    printf 'scripts/package.sh: not built: %s\n' "${failed[@]}" >&2
    exit 1
fi
