#!/usr/bin/env python3
"""Every C++ file of the project is formatted as .clang-format says (clang-format 14, what
Debian 12 ships; scripts/dev installs it). Prints the files that are not, and the command
that formats them.

    format_check.py SOURCE_DIR
"""
import os
import shutil
import subprocess
import sys

source_dir = os.path.abspath(sys.argv[1])
clang_format = shutil.which("clang-format-14") or shutil.which("clang-format")
if clang_format is None:
    sys.exit("clang-format not found: install clang-format (scripts/dev does)")

files = []
for top in ("src", "tests", "bench"):
    for root, _, names in os.walk(os.path.join(source_dir, top)):
        files += [os.path.join(root, n) for n in names if n.endswith((".cpp", ".h"))]
files.sort()

unformatted = []
for i in range(0, len(files), 50):
    batch = files[i:i + 50]
    run = subprocess.run([clang_format, "--dry-run", "--Werror", *batch], capture_output=True, text=True)
    if run.returncode != 0:
        unformatted += sorted({line.split(":", 1)[0] for line in run.stderr.splitlines() if ": error:" in line})
if unformatted:
    print(f"{len(unformatted)} of {len(files)} files are not formatted by {os.path.basename(clang_format)}:")
    for path in unformatted:
        print("  " + os.path.relpath(path, source_dir))
    print(f"format them with: {os.path.basename(clang_format)} -i FILE…")
    sys.exit(1)
print(f"{len(files)} files formatted")
