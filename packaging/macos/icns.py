#!/usr/bin/env python3
"""Reads and extends Apple .icns icon files (used by packaging/check-macos-bundle.py).

An .icns file is a container: the magic 'icns', the total length (big-endian uint32),
then elements of a 4-byte type, a big-endian uint32 length that counts its own 8-byte
header, and the data.

  icns.py list FILE                   the elements and the pixel size each one holds
  icns.py add-retina FILE HICOLOR_DIR adds the @2x elements png2icns does not write
                                      (ic11 ic12 ic13 ic14) from HICOLOR_DIR/NxN/apps/*.png
"""
import pathlib
import struct
import sys

# Type -> (point size, scale). Legacy RLE types carry their mask in a separate element.
TYPES = {
    b"is32": (16, 1), b"il32": (32, 1), b"ih32": (48, 1), b"it32": (128, 1),
    b"icp4": (16, 1), b"icp5": (32, 1), b"icp6": (64, 1),
    b"ic04": (16, 1), b"ic05": (32, 1),
    b"ic07": (128, 1), b"ic08": (256, 1), b"ic09": (512, 1),
    b"ic11": (16, 2), b"ic12": (32, 2), b"ic13": (128, 2), b"ic14": (256, 2), b"ic10": (512, 2),
}
MASKS = {b"is32": b"s8mk", b"il32": b"l8mk", b"ih32": b"h8mk", b"it32": b"t8mk"}
RETINA_FROM_HICOLOR = {b"ic11": 32, b"ic12": 64, b"ic13": 256, b"ic14": 512}


class IcnsError(Exception):
    pass


def read_elements(data):
    """[(type, payload)] of an icns file; raises IcnsError on a malformed container."""
    if len(data) < 8 or data[:4] != b"icns":
        raise IcnsError("not an icns file (no 'icns' magic)")
    (total,) = struct.unpack(">I", data[4:8])
    if total != len(data):
        raise IcnsError(f"header says {total} bytes, file has {len(data)}")
    elements, offset = [], 8
    while offset < total:
        if offset + 8 > total:
            raise IcnsError(f"truncated element header at byte {offset}")
        kind, length = struct.unpack(">4sI", data[offset:offset + 8])
        if length < 8 or offset + length > total:
            raise IcnsError(f"element {kind!r} at byte {offset} has a bad length {length}")
        elements.append((kind, data[offset + 8:offset + length]))
        offset += length
    return elements


def payload_pixels(kind, payload):
    """(width, height) stored in a PNG or JPEG 2000 payload, or None for the raw/RLE types."""
    if payload.startswith(b"\x89PNG\r\n\x1a\n"):
        if payload[12:16] != b"IHDR":
            raise IcnsError(f"{kind!r}: PNG without an IHDR chunk")
        return struct.unpack(">II", payload[16:24])
    if payload[4:12] == b"jP  \r\n\x87\n":  # JPEG 2000 (JP2) signature box
        at = payload.find(b"ihdr")
        if at < 0:
            raise IcnsError(f"{kind!r}: JPEG 2000 without an ihdr box")
        height, width = struct.unpack(">II", payload[at + 4:at + 12])
        return width, height
    return None


def write_elements(elements):
    body = b"".join(struct.pack(">4sI", kind, len(payload) + 8) + payload for kind, payload in elements)
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def add_retina(path, hicolor):
    path = pathlib.Path(path)
    elements = [e for e in read_elements(path.read_bytes()) if e[0] not in RETINA_FROM_HICOLOR]
    for kind, pixels in RETINA_FROM_HICOLOR.items():
        png = (pathlib.Path(hicolor) / f"{pixels}x{pixels}" / "apps" / "backfill-studio.png").read_bytes()
        if payload_pixels(kind, png) != (pixels, pixels):
            raise IcnsError(f"{pixels}x{pixels} icon is not a {pixels} px PNG")
        elements.append((kind, png))
    path.write_bytes(write_elements(elements))


def main(argv):
    if len(argv) == 3 and argv[1] == "list":
        for kind, payload in read_elements(pathlib.Path(argv[2]).read_bytes()):
            size = TYPES.get(kind)
            label = f"{size[0]}x{size[0]}" + ("@2x" if size and size[1] == 2 else "") if size else "-"
            print(kind.decode("latin-1"), label, len(payload), payload_pixels(kind, payload) or "")
        return 0
    if len(argv) == 4 and argv[1] == "add-retina":
        add_retina(argv[2], argv[3])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
