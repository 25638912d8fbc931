#!/usr/bin/env bash
# Builds the Debian package from a build tree and checks what a user installs: both
# binaries, the menu entry, the hicolor icons, the man pages, copyright and changelog,
# the AppStream metainfo, file modes, dependencies on the Qt runtime, that the versions
# agree, and that lintian reports no error (and no warning packaging/README.md does not justify).
#   packaging/check-deb.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: check-deb.sh BUILD_DIR}
build=$(cd "$build" && pwd)
here=$(cd "$(dirname "$0")" && pwd)

# The validators are part of the check: without them it fails (scripts/dev installs them).
missing_tools=0
for tool in lintian:lintian appstreamcli:appstream desktop-file-validate:desktop-file-utils; do
  if ! command -v "${tool%%:*}" >/dev/null; then
    echo "${tool%%:*} is not installed: apt-get install ${tool#*:} (scripts/dev installs it)" >&2
    missing_tools=1
  fi
done
((missing_tools)) && exit 1

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
            ./usr/share/icons/hicolor/{16x16,22x22,24x24,32x32,48x48,64x64,128x128,256x256,512x512}/apps/backfill-studio.png \
            ./usr/share/doc/backfill-studio/copyright ./usr/share/doc/backfill-studio/changelog.gz \
            ./usr/share/man/man1/backfill-studio.1.gz ./usr/share/man/man1/backfill-studio-cli.1.gz \
            ./usr/share/metainfo/org.backfillstudio.BackfillStudio.metainfo.xml; do
  if ! grep -qF " $path" <<<"$contents"; then
    echo "missing from the package: $path" >&2
    fail=1
  fi
done
for exe in ./usr/bin/backfill-studio ./usr/bin/backfill-studio-cli; do
  grep -E "^-rwxr-xr-x .* ${exe//./\\.}$" <<<"$contents" >/dev/null || { echo "$exe is not an executable file" >&2; fail=1; }
done
# Modes and owners: directories 0755, programs in usr/bin 0755, every other file 0644, all root/root.
while read -r mode owner _ _ _ path _; do
  case "$mode:$path" in
    d*) want=drwxr-xr-x ;;
    *:./usr/bin/*) want=-rwxr-xr-x ;;
    *) want=-rw-r--r-- ;;
  esac
  [[ "$mode" == "$want" && "$owner" == root/root ]] || { echo "$path is $mode $owner, expected $want root/root" >&2; fail=1; }
done <<<"$contents"

[[ "$(dpkg-deb -f "$deb" Package)" == backfill-studio ]] || { echo "package name is not backfill-studio" >&2; fail=1; }
depends=$(dpkg-deb -f "$deb" Depends)
for dep in libqt6core6 libqt6widgets6 libqt6sql6 libqt6sql6-sqlite qt6-qpa-plugins; do
  grep -qE "(^|, )$dep( |,|$)" <<<"$depends" || { echo "Depends lacks $dep: $depends" >&2; fail=1; }
done

tmp="$out/root"
mkdir -p "$tmp" && dpkg-deb -x "$deb" "$tmp"
# The stripped, installed binaries still run against the system's Qt and print the
# package's version (both come from the CMake project version).
package_version=$(dpkg-deb -f "$deb" Version)
version=$("$tmp/usr/bin/backfill-studio-cli" --version) || { echo "installed backfill-studio-cli does not run" >&2; fail=1; }
[[ "${version:-}" == "backfill-studio-cli $package_version" ]] ||
  { echo "backfill-studio-cli --version prints '${version:-}', the package is $package_version" >&2; fail=1; }
gui_version=$(QT_QPA_PLATFORM=offscreen "$tmp/usr/bin/backfill-studio" --version 2>/dev/null) ||
  { echo "installed backfill-studio --version does not run" >&2; fail=1; }
[[ "${gui_version:-}" == "Backfill Studio $package_version" ]] ||
  { echo "backfill-studio --version prints '${gui_version:-}', the package is $package_version" >&2; fail=1; }
doc="$tmp/usr/share/doc/backfill-studio"
changelog_version=$(gzip -dc "$doc/changelog.gz" 2>/dev/null | sed -n '1s/^backfill-studio (\([^)]*\)).*/\1/p' || true)
[[ "$changelog_version" == "$package_version" ]] ||
  { echo "the latest changelog entry is '${changelog_version}', the package is $package_version (edit packaging/changelog)" >&2; fail=1; }
head -1 "$doc/copyright" | grep -qx 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' ||
  { echo "copyright is not in the machine-readable (DEP-5) format" >&2; fail=1; }
for page in backfill-studio backfill-studio-cli; do
  man_text=$(gzip -dc "$tmp/usr/share/man/man1/$page.1.gz" 2>/dev/null || true)
  grep -qE "^\.TH \"?${page^^}\"? .*$package_version" <<<"$man_text" ||
    { echo "man page $page.1.gz is not help2man's page for version $package_version" >&2; fail=1; }
  grep -qE "^$page \\\\- [a-z]" <<<"$man_text" ||
    { echo "man page $page.1.gz has no NAME line '$page \\- description'" >&2; fail=1; }
done

desktop-file-validate "$tmp/usr/share/applications/backfill-studio.desktop" || fail=1
metainfo="$tmp/usr/share/metainfo/org.backfillstudio.BackfillStudio.metainfo.xml"
if [[ -f "$metainfo" ]] && ! appstreamcli validate --no-net "$metainfo" >"$out/appstream.log" 2>&1; then
  echo "appstreamcli validate --no-net failed on the installed metainfo:" >&2
  cat "$out/appstream.log" >&2
  fail=1
fi
latest_release=$(grep -o '<release version="[^"]*"' "$metainfo" 2>/dev/null | head -n 1 | cut -d'"' -f2 || true)
[[ "$latest_release" == "$package_version" ]] ||
  { echo "the metainfo's latest <release> is '$latest_release', the package is $package_version" >&2; fail=1; }
# The whole installed tree: the metainfo's launchable must be the installed .desktop file.
if ! appstreamcli validate-tree --no-net "$tmp" >"$out/appstream-tree.log" 2>&1; then
  echo "appstreamcli validate-tree --no-net failed on the package's files:" >&2
  cat "$out/appstream-tree.log" >&2
  fail=1
fi

# Lintian: no error at all, and a warning only when packaging/README.md justifies its tag
# (a line "- `tag`: why" in the lintian section).
lintian "$deb" >"$out/lintian.log" 2>&1 || true
if grep -q '^E: ' "$out/lintian.log"; then
  echo "lintian reports errors:" >&2
  cat "$out/lintian.log" >&2
  fail=1
fi
while read -r tag; do
  grep -qF -- "- \`$tag\`:" "$here/README.md" ||
    { echo "lintian warning $tag is neither fixed nor justified in packaging/README.md:" >&2; cat "$out/lintian.log" >&2; fail=1; }
done < <(sed -n 's/^W: [^:]*: \([a-z0-9.+-]*\).*/\1/p' "$out/lintian.log" | sort -u)

if ((fail)); then
  echo "package check FAILED: $deb" >&2
  exit 1
fi
echo "ok: $(basename "$deb") ($(du -h "$deb" | cut -f1)); Depends: $depends"
echo "lintian: $(grep -c . "$out/lintian.log" || true) lines"
cat "$out/lintian.log"
