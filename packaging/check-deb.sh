#!/usr/bin/env bash
# Builds the Debian package from a build tree and checks what a user installs: both
# binaries, the menu entry, the hicolor icons, and dependencies on the Qt runtime.
#   packaging/check-deb.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: check-deb.sh BUILD_DIR}
build=$(cd "$build" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

(cd "$build" && cpack -G DEB -B "$out" >"$out/cpack.log" 2>&1) || { cat "$out/cpack.log" >&2; exit 1; }
deb=$(ls "$out"/backfill-studio_*.deb 2>/dev/null | head -1)
[[ -n "$deb" ]] || { echo "no backfill-studio_*.deb produced" >&2; cat "$out/cpack.log" >&2; exit 1; }

fail=0
contents=$(dpkg-deb -c "$deb")
for path in ./usr/bin/backfill-studio ./usr/bin/backfill-studio-cli \
            ./usr/share/applications/backfill-studio.desktop \
            ./usr/share/icons/hicolor/scalable/apps/backfill-studio.svg \
            ./usr/share/icons/hicolor/{16x16,22x22,24x24,32x32,48x48,64x64,128x128,256x256,512x512}/apps/backfill-studio.png; do
  if ! grep -qF " $path" <<<"$contents"; then
    echo "missing from the package: $path" >&2
    fail=1
  fi
done
for exe in ./usr/bin/backfill-studio ./usr/bin/backfill-studio-cli; do
  grep -E "^-rwxr-xr-x .* ${exe//./\\.}$" <<<"$contents" >/dev/null || { echo "$exe is not an executable file" >&2; fail=1; }
done

[[ "$(dpkg-deb -f "$deb" Package)" == backfill-studio ]] || { echo "package name is not backfill-studio" >&2; fail=1; }
depends=$(dpkg-deb -f "$deb" Depends)
for dep in libqt6core6 libqt6widgets6 libqt6sql6 libqt6sql6-sqlite qt6-qpa-plugins; do
  grep -qE "(^|, )$dep( |,|$)" <<<"$depends" || { echo "Depends lacks $dep: $depends" >&2; fail=1; }
done

tmp="$out/root"
mkdir -p "$tmp" && dpkg-deb -x "$deb" "$tmp"
# The stripped, installed CLI still runs against the system's Qt.
version=$("$tmp/usr/bin/backfill-studio-cli" --version) || { echo "installed backfill-studio-cli does not run" >&2; fail=1; }
grep -q "^backfill-studio-cli " <<<"${version:-}" || { echo "unexpected --version output: ${version:-}" >&2; fail=1; }
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$tmp/usr/share/applications/backfill-studio.desktop" || fail=1
fi

if ((fail)); then
  echo "package check FAILED: $deb" >&2
  exit 1
fi
echo "ok: $(basename "$deb") ($(du -h "$deb" | cut -f1)); Depends: $depends"
