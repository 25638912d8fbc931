#!/usr/bin/env python3
"""Every C++ source of the project compiles with clang and LLVM's libc++ (what Apple's
toolchain ships), with -Wall -Wextra -Werror. Syntax only: Debian's Qt is built for
libstdc++, so nothing is linked. Flags come from the gcc build's compile_commands.json.

    libcxx_syntax.py BUILD_DIR SOURCE_DIR
"""
import concurrent.futures
import json
import os
import shlex
import shutil
import subprocess
import sys

build_dir, source_dir = (os.path.abspath(p) for p in sys.argv[1:3])
clang = shutil.which("clang++")
if clang is None:
    sys.exit("clang++ not found: install clang and libc++-14-dev (scripts/dev does)")

# gcc-only options clang 14 refuses.
GCC_ONLY = {"-mno-direct-extern-access", "-fno-direct-access-external-data"}

with open(os.path.join(build_dir, "compile_commands.json")) as f:
    entries = json.load(f)


def clang_command(entry):
    args = entry.get("arguments") or shlex.split(entry["command"])
    while args and not args[0].startswith("-"):  # launcher and compiler
        args = args[1:]
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
        elif a in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
        elif a in ("-c", "-MD", "-MMD") or a in GCC_ONLY or a == entry["file"]:
            pass
        else:
            out.append(a)
    return [clang, "-stdlib=libc++", "-fsyntax-only", *out, "-Wall", "-Wextra", "-Werror", entry["file"]]


# The project's own sources; generated moc/qrc/uic output is compiled as part of them.
sources = [e for e in entries
           if e["file"].startswith(source_dir + os.sep) and not e["file"].startswith(build_dir + os.sep)]
if not sources:
    sys.exit(f"no project sources in {build_dir}/compile_commands.json")


def check(entry):
    result = subprocess.run(clang_command(entry), cwd=entry["directory"], capture_output=True, text=True)
    return entry["file"], result.returncode, result.stderr


failed = 0
with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
    for path, code, stderr in pool.map(check, sources):
        if code != 0:
            failed += 1
            print(f"FAILED with libc++: {os.path.relpath(path, source_dir)}\n{stderr}", file=sys.stderr)
print(f"{len(sources) - failed} of {len(sources)} sources compile with clang++ -stdlib=libc++")
sys.exit(1 if failed else 0)
