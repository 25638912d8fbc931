#!/usr/bin/env bash
# Checks the disk image `cpack -G DragNDrop` made (macOS only; the macOS workflow runs it):
# the image verifies, the app's Info.plist lints and has the right keys, the bundle signs
# (ad hoc) and verifies strictly, no Mach-O file in the bundle loads anything from
# Homebrew (/opt/homebrew, /usr/local; by install name or LC_RPATH) or needs a newer macOS than LSMinimumSystemVersion,
# and the bundled CLI runs.
#   packaging/macos/check-dmg.sh DMG PROJECT_VERSION
set -euo pipefail
dmg=${1:?usage: check-dmg.sh DMG PROJECT_VERSION}
version=${2:?usage: check-dmg.sh DMG PROJECT_VERSION}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
mnt="$work/mnt"
trap 'hdiutil detach -quiet "$mnt" 2>/dev/null || true; rm -rf "$work"' EXIT

hdiutil verify "$dmg"
mkdir "$mnt"
hdiutil attach -quiet -readonly -nobrowse -mountpoint "$mnt" "$dmg"
# A writable copy: codesign --force rewrites the signatures.
ditto "$mnt/Backfill Studio.app" "$work/Backfill Studio.app"
hdiutil detach -quiet "$mnt"
app="$work/Backfill Studio.app"

# $1 newer than $2 (dotted versions; macOS's bash 3.2 and sort lack a portable -V).
newer() {
  local IFS=. i
  local -a a b
  read -r -a a <<<"$1"
  read -r -a b <<<"$2"
  for i in 0 1 2; do
    ((${a[i]:-0} > ${b[i]:-0})) && return 0
    ((${a[i]:-0} < ${b[i]:-0})) && return 1
  done
  return 1
}

fail=0
plutil -lint "$app/Contents/Info.plist" || fail=1
python3 "$here/../check-macos-bundle.py" plist "$app/Contents/Info.plist" "$version" || fail=1
python3 "$here/../check-macos-bundle.py" icns "$app/Contents/Resources/backfill-studio.icns" || fail=1
minimum=$(plutil -extract LSMinimumSystemVersion raw "$app/Contents/Info.plist")
exe="$app/Contents/MacOS/$(plutil -extract CFBundleExecutable raw "$app/Contents/Info.plist")"
[[ -x "$exe" ]] || { echo "no main executable $exe" >&2; fail=1; }
[[ -d "$app/Contents/Frameworks/QtCore.framework" ]] || { echo "QtCore.framework is not deployed into the bundle" >&2; fail=1; }

# Every Mach-O file: what it links, and the oldest macOS it was built for.
while IFS= read -r -d '' file; do
  file -b "$file" | grep -q '^Mach-O' || continue
  deps=$(otool -L "$file" | tail -n +2 | awk '{print $1}')
  if bad=$(grep -E '^(/opt/homebrew|/usr/local)/' <<<"$deps"); then
    echo "${file#"$app"/} loads from outside the bundle:" >&2
    sed 's/^/    /' <<<"$bad" >&2
    fail=1
  fi
  if bad=$(grep -E 'Qt[A-Za-z0-9]*\.framework' <<<"$deps" | grep -vE '^@(rpath|executable_path|loader_path)/'); then
    echo "${file#"$app"/} loads a Qt framework by an absolute path:" >&2
    sed 's/^/    /' <<<"$bad" >&2
    fail=1
  fi
  # @rpath only stays inside the bundle when no search path points into Homebrew.
  if bad=$(otool -l "$file" | awk '$1 == "cmd" && $2 == "LC_RPATH" {getline; getline; print $2}' |
           grep -E '^(/opt/homebrew|/usr/local)/'); then
    echo "${file#"$app"/} searches @rpath outside the bundle:" >&2
    sed 's/^/    /' <<<"$bad" >&2
    fail=1
  fi
  minos=$(otool -l "$file" | awk '$1 == "minos" {print $2; exit}')
  if [[ -n "$minos" ]] && newer "$minos" "$minimum"; then
    echo "${file#"$app"/} needs macOS $minos, Info.plist says $minimum" >&2
    fail=1
  fi
done < <(find "$app" -type f \( -perm -u+x -o -name '*.dylib' \) -print0)
echo "main executable:"
otool -L "$exe"

codesign --force --deep -s - "$app" || fail=1
codesign --verify --deep --strict --verbose=2 "$app" || fail=1

# The command-line twin runs from inside the bundle, on the deployed frameworks only.
cli_version=$("$app/Contents/MacOS/backfill-studio-cli" --version) ||
  { echo "the bundled backfill-studio-cli does not run" >&2; fail=1; }
[[ "${cli_version:-}" == "backfill-studio-cli $version" ]] ||
  { echo "bundled backfill-studio-cli --version prints '${cli_version:-}'" >&2; fail=1; }

if ((fail)); then
  echo "bundle check FAILED: $dmg" >&2
  exit 1
fi
echo "ok: $(basename "$dmg")"
