#!/bin/sh
# Writes EXE's man page, gzipped, from its own --help and --version (help2man).
#   packaging/man-page.sh HELP2MAN EXE "one-line description" OUTPUT.1.gz
# help2man reads the program name from the first word of the --version line, and the
# desktop binary prints Qt's "Backfill Studio 0.1.0"; so the version line is given to it
# as "backfill-studio (Backfill Studio) 0.1.0", the GNU form it parses.
set -eu
help2man=$1 exe=$2 name=$3 output=$4
# The desktop binary constructs a QApplication before it parses its options.
QT_QPA_PLATFORM=offscreen
export QT_QPA_PLATFORM
line=$("$exe" --version | head -n 1)
version=${line##* }
package=${line% *}
[ -n "$version" ] && [ "$package" != "$line" ] || { echo "$exe --version printed '$line', not 'NAME VERSION'" >&2; exit 1; }
page=${output%.gz}
"$help2man" --no-info --section=1 --name="$name" --version-string="$(basename "$exe") ($package) $version" \
  --output="$page" "$exe"
gzip -9nf "$page"
