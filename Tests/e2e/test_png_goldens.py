"""Validates the PNG files written by Saddle's own encoder (the raster golden images)
with an independent decoder, Pillow: they must open, verify and decode fully."""

import pathlib
import zlib

import pytest
from PIL import Image

GOLDEN = pathlib.Path(__file__).resolve().parents[1] / "RasterTests" / "Golden"
FILES = sorted(GOLDEN.glob("*.png"))


def test_golden_directory_has_images():
    assert FILES, f"no golden PNGs in {GOLDEN}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_png_verifies_and_decodes(path):
    with Image.open(path) as im:
        im.verify()
    with Image.open(path) as im:
        im.load()
        assert im.mode in ("RGB", "RGBA")
        assert im.size[0] > 0 and im.size[1] > 0
        # Opaque images must be stored without alpha (colour type 2).
        if im.mode == "RGBA":
            assert im.getextrema()[3][0] < 255


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_png_chunk_crcs(path):
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, types = 8, []
    while pos < len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        crc = int.from_bytes(data[pos + 8 + length:pos + 12 + length], "big")
        assert zlib.crc32(kind + body) == crc, f"bad CRC in {kind!r}"
        types.append(kind)
        pos += 12 + length
    assert types[0] == b"IHDR" and types[-1] == b"IEND" and b"IDAT" in types
