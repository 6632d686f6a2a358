#!/usr/bin/env python3
"""Writes the FuzzFont seed: the bundled DejaVu Sans cut down to the glyphs the harness draws.

Usage: Fuzz/make-seed-font.py   (from anywhere; Python standard library only)

Each FuzzFont execution parses its input as a font and patches a copy of this seed; parsing
the full 700 kB DejaVu Sans per input held the target to ~35 executions per second. The seed
keeps only the tables Raster's `Font` reads (head, hhea, maxp, hmtx, loca, glyf, cmap with a
format 4 and a format 12 sub-table, kern format 0), for the characters below plus .notdef and
the components of composite glyphs (é is one), renumbered in order, so every parsing path the
big font reaches is still reached, on a few kilobytes. Written to the FuzzFont resources (the
base the patches apply to) and to the seed corpus (mutated as a whole file).

DejaVu Sans is under the Bitstream Vera licence, which asks that modified fonts not carry the
Bitstream or Vera names: the seed has no name table at all.
"""

import pathlib
import struct

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = ROOT / "Sources/Raster/Resources/DejaVuSans.ttf"
OUTPUTS = [ROOT / "Fuzz/FuzzFont/seed.ttf", ROOT / "Fuzz/corpus/font/dejavu-subset.ttf"]
CHARACTERS = "θηλ∇‖−w₁₂⁻³AVéxg% To"

ARG_WORDS, MORE_COMPONENTS = 0x0001, 0x0020
HAVE_SCALE, HAVE_XY_SCALE, HAVE_2X2 = 0x0008, 0x0040, 0x0080


def tables(font):
    count = struct.unpack_from(">H", font, 4)[0]
    out = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", font, 12 + 16 * i)
        out[tag.decode("latin-1")] = font[offset : offset + length]
    return out


def cmap_format4(table):
    """code point -> glyph from the first Unicode format 4 sub-table."""
    for i in range(struct.unpack_from(">H", table, 2)[0]):
        platform, encoding, offset = struct.unpack_from(">HHI", table, 4 + 8 * i)
        if (platform, encoding) == (3, 1) and struct.unpack_from(">H", table, offset)[0] == 4:
            break
    else:
        raise SystemExit("no (3, 1) format 4 cmap")
    segments = struct.unpack_from(">H", table, offset + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", table, offset + 14)
    starts = struct.unpack_from(f">{segments}H", table, offset + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}H", table, offset + 16 + 4 * segments)
    ranges_at = offset + 16 + 6 * segments
    ranges = struct.unpack_from(f">{segments}H", table, ranges_at)

    def glyph(code):
        for i, (start, end) in enumerate(zip(starts, ends)):
            if start <= code <= end:
                if ranges[i] == 0:
                    return (code + deltas[i]) & 0xFFFF
                at = ranges_at + 2 * i + ranges[i] + 2 * (code - start)
                g = struct.unpack_from(">H", table, at)[0]
                return (g + deltas[i]) & 0xFFFF if g else 0
        return 0

    return glyph


def glyph_bytes(t, glyph):
    long = struct.unpack_from(">h", t["head"], 50)[0] == 1
    if long:
        start, end = struct.unpack_from(">II", t["loca"], 4 * glyph)
    else:
        start, end = (2 * x for x in struct.unpack_from(">HH", t["loca"], 2 * glyph))
    return bytearray(t["glyf"][start:end])


def components(data):
    """(offset of the glyph index, index) of each component of a composite glyph."""
    if len(data) < 10 or struct.unpack_from(">h", data, 0)[0] >= 0:
        return []
    out, at = [], 10
    while True:
        flags, index = struct.unpack_from(">HH", data, at)
        out.append((at + 2, index))
        at += 4 + (4 if flags & ARG_WORDS else 2)
        at += 2 if flags & HAVE_SCALE else 4 if flags & HAVE_XY_SCALE else 8 if flags & HAVE_2X2 else 0
        if not flags & MORE_COMPONENTS:
            return out


def closure(t, roots):
    kept, pending = [], list(roots)
    while pending:
        g = pending.pop(0)
        if g not in kept:
            kept.append(g)
            pending += [index for _, index in components(glyph_bytes(t, g))]
    return sorted(kept)


def cmap_table(mapping):
    codes = sorted(mapping)
    bmp = [c for c in codes if c <= 0xFFFF]
    n = len(bmp) + 1
    ends, starts = bmp + [0xFFFF], bmp + [0xFFFF]
    deltas = [(mapping[c] - c) & 0xFFFF for c in bmp] + [1]
    power = 1 << (n.bit_length() - 1)
    format4 = struct.pack(">HHHHHHH", 4, 16 + 8 * n, 0, 2 * n, 2 * power, power.bit_length() - 1, 2 * (n - power))
    format4 += struct.pack(f">{n}H", *ends) + b"\0\0" + struct.pack(f">{n}H", *starts)
    format4 += struct.pack(f">{n}H", *deltas) + struct.pack(f">{n}H", *([0] * n))
    format12 = struct.pack(">HHIII", 12, 0, 16 + 12 * len(codes), 0, len(codes))
    format12 += b"".join(struct.pack(">III", c, c, mapping[c]) for c in codes)
    header = struct.pack(">HH", 0, 2) + struct.pack(">HHI", 3, 1, 20) + struct.pack(">HHI", 3, 10, 20 + len(format4))
    return header + format4 + format12


def kern_table(t, old_to_new):
    kern = t["kern"]
    pairs = struct.unpack_from(">H", kern, 10)[0]
    kept = []
    for i in range(pairs):
        left, right, value = struct.unpack_from(">HHh", kern, 18 + 6 * i)
        if left in old_to_new and right in old_to_new:
            kept.append((old_to_new[left], old_to_new[right], value))
    kept.sort()
    n = len(kept)
    power = 1 << max(0, n.bit_length() - 1)
    body = struct.pack(">HHHHHHH", 0, 14 + 6 * n, 0x0001, n, 6 * power, power.bit_length() - 1, 6 * (n - power))
    body += b"".join(struct.pack(">HHh", *pair) for pair in kept)
    return struct.pack(">HH", 0, 1) + body


def subset(font):
    t = tables(font)
    unicode_glyph = cmap_format4(t["cmap"])
    wanted = {ord(c): unicode_glyph(ord(c)) for c in CHARACTERS}
    missing = [chr(c) for c, g in wanted.items() if g == 0]
    if missing:
        raise SystemExit(f"DejaVu Sans lacks {missing}")
    old_glyphs = closure(t, [0] + list(wanted.values()))
    old_to_new = {old: new for new, old in enumerate(old_glyphs)}
    glyf, loca = b"", [0]
    for old in old_glyphs:
        data = glyph_bytes(t, old)
        for at, index in components(data):
            struct.pack_into(">H", data, at, old_to_new[index])
        glyf += bytes(data) + b"\0" * (-len(data) % 4)
        loca.append(len(glyf))
    metrics = struct.unpack_from(">H", t["hhea"], 34)[0]
    hmtx = b""
    for old in old_glyphs:
        m = min(old, metrics - 1)
        advance = struct.unpack_from(">H", t["hmtx"], 4 * m)[0]
        bearing = struct.unpack_from(">h", t["hmtx"], 4 * metrics + 2 * (old - metrics) if old >= metrics else 4 * old + 2)[0]
        hmtx += struct.pack(">Hh", advance, bearing)
    head = bytearray(t["head"])
    struct.pack_into(">I", head, 8, 0)  # checksum adjustment, set below
    struct.pack_into(">h", head, 50, 1)  # long loca
    hhea = bytearray(t["hhea"])
    struct.pack_into(">H", hhea, 34, len(old_glyphs))
    maxp = bytearray(t["maxp"])
    struct.pack_into(">H", maxp, 4, len(old_glyphs))
    out = {
        "cmap": cmap_table({c: old_to_new[g] for c, g in wanted.items()}),
        "glyf": glyf,
        "head": bytes(head),
        "hhea": bytes(hhea),
        "hmtx": hmtx,
        "kern": kern_table(t, old_to_new),
        "loca": struct.pack(f">{len(loca)}I", *loca),
        "maxp": bytes(maxp),
    }
    return assemble(out)


def checksum(data):
    data += b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(data) // 4}I", data)) & 0xFFFFFFFF


def assemble(out):
    n = len(out)
    power = 1 << (n.bit_length() - 1)
    directory = struct.pack(">IHHHH", 0x00010000, n, 16 * power, power.bit_length() - 1, 16 * (n - power))
    offset = 12 + 16 * n
    body = b""
    for tag in sorted(out):
        data = out[tag]
        directory += struct.pack(">4sIII", tag.encode(), checksum(data), offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    font = bytearray(directory + body)
    head_at = struct.unpack_from(">I", font, 12 + 16 * sorted(out).index("head") + 8)[0]
    struct.pack_into(">I", font, head_at + 8, (0xB1B0AFBA - checksum(bytes(font))) & 0xFFFFFFFF)
    return bytes(font)


if __name__ == "__main__":
    seed = subset(SOURCE.read_bytes())
    for path in OUTPUTS:
        path.write_bytes(seed)
        print(f"{path.relative_to(ROOT)}: {len(seed)} bytes")
