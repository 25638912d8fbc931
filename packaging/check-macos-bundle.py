#!/usr/bin/env python3
"""Checks the macOS bundle metadata (CTest packaging_macos_plist and packaging_macos_icns).

  check-macos-bundle.py plist INFO_PLIST PROJECT_VERSION
  check-macos-bundle.py icns ICNS_FILE

On macOS INFO_PLIST is the one CMake wrote into the built Backfill Studio.app; elsewhere
it is packaging/macos/Info.plist.in configured by Packaging.cmake with the same values.
"""
import pathlib
import plistlib
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent / "macos"))
import icns  # noqa: E402

BUNDLE_ID = "org.backfillstudio.BackfillStudio"
ICON_FILE = "backfill-studio.icns"
# Qt 6.8, the oldest Qt Homebrew ships, runs on macOS 12 and later.
OLDEST_MACOS_FOR_QT = (12, 0)
# (point size, scale) macOS asks an app icon for (the iconutil .iconset names).
ICON_SIZES = [(16, 1), (16, 2), (32, 1), (32, 2), (128, 1), (128, 2), (256, 1), (256, 2), (512, 1), (512, 2)]


def check_plist(path, version):
    errors = []
    path = pathlib.Path(path)
    raw = path.read_bytes()
    for placeholder in re.findall(rb"\$\{[A-Za-z_]+\}|@[A-Za-z_]+@", raw):
        errors.append(f"unsubstituted {placeholder.decode()}")
    try:
        info = plistlib.loads(raw)
    except Exception as e:  # plistlib raises ExpatError or ValueError
        return [f"{path} does not parse as a property list: {e}"]

    def expect(key, wanted):
        if info.get(key) != wanted:
            errors.append(f"{key} is {info.get(key)!r}, expected {wanted!r}")

    expect("CFBundleIdentifier", BUNDLE_ID)
    expect("CFBundleShortVersionString", version)
    expect("CFBundleVersion", version)
    expect("CFBundlePackageType", "APPL")
    expect("NSHighResolutionCapable", True)
    if info.get("CFBundleIconFile") not in (ICON_FILE, ICON_FILE.removesuffix(".icns")):
        errors.append(f"CFBundleIconFile is {info.get('CFBundleIconFile')!r}, expected {ICON_FILE!r}")
    for key in ("CFBundleExecutable", "CFBundleName"):
        if not isinstance(info.get(key), str) or not info[key].strip():
            errors.append(f"{key} is missing or empty")
    minimum = info.get("LSMinimumSystemVersion")
    if not isinstance(minimum, str) or not re.fullmatch(r"\d+(\.\d+){0,2}", minimum):
        errors.append(f"LSMinimumSystemVersion is {minimum!r}, expected a version such as 12.0")
    elif tuple(int(p) for p in minimum.split(".")) < OLDEST_MACOS_FOR_QT:
        errors.append(f"LSMinimumSystemVersion {minimum} is older than Qt 6 from Homebrew supports (12.0)")
    # Inside a built bundle the plist must name files that are really there.
    contents = path.parent
    if contents.name == "Contents" and contents.parent.suffix == ".app":
        exe = contents / "MacOS" / str(info.get("CFBundleExecutable"))
        if not exe.is_file():
            errors.append(f"CFBundleExecutable names {exe}, which does not exist")
        icon = str(info.get("CFBundleIconFile"))
        icon_path = contents / "Resources" / (icon if icon.endswith(".icns") else icon + ".icns")
        if not icon_path.is_file():
            errors.append(f"CFBundleIconFile names {icon_path}, which does not exist")
    return errors


def check_icns(path):
    try:
        elements = icns.read_elements(pathlib.Path(path).read_bytes())
    except icns.IcnsError as e:
        return [f"{path}: {e}"]
    errors, have = [], set()
    kinds = {kind for kind, _ in elements}
    for kind, payload in elements:
        if kind not in icns.TYPES:
            continue
        points, scale = icns.TYPES[kind]
        try:
            pixels = icns.payload_pixels(kind, payload)
        except icns.IcnsError as e:
            errors.append(str(e))
            continue
        if pixels is None:
            if kind in icns.MASKS and icns.MASKS[kind] not in kinds:
                errors.append(f"{kind.decode()} has no {icns.MASKS[kind].decode()} mask")
                continue
        elif pixels != (points * scale, points * scale):
            errors.append(f"{kind.decode()} should hold {points * scale} px, holds {pixels[0]}x{pixels[1]}")
            continue
        have.add((points, scale))
    for points, scale in ICON_SIZES:
        if (points, scale) not in have:
            errors.append(f"no {points}x{points}{'@2x' if scale == 2 else ''} icon")
    return errors


def main(argv):
    if len(argv) == 4 and argv[1] == "plist":
        errors = check_plist(argv[2], argv[3])
    elif len(argv) == 3 and argv[1] == "icns":
        errors = check_icns(argv[2])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for error in errors:
        print(f"FAIL: {error}", file=sys.stderr)
    if errors:
        return 1
    print(f"ok: {argv[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
