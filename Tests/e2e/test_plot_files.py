"""Figures saved by Saddle's plotting builtins, validated by independent tools: Pillow
decodes every PNG, pngcheck accepts it, and Python's XML parser reads every SVG (text as
<text> in DejaVu Sans, images as PNG data URIs that Pillow decodes)."""

import base64
import io
import os
import pathlib
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

ROOT = pathlib.Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "Tests" / "PlotTests" / "Golden"
SVG_NS = "{http://www.w3.org/2000/svg}"

CELLS = """L(w1, w2) = (1 - w1*w2)^2
f(x) = x^4 - 2*x^2
save(surface(L, w1: -2...2, w2: -2...2), "surface.png")
save(surface(L, w1: -2...2, w2: -2...2, log: true), "surface.svg")
save(plot(f, x: -2...2), "curve.png", scale: 2)
save(scatter(rand(40), rand(40), color: rand(40)), "scatter.png")
save(bar([[1, 2, 3], [2, 1, 3]], labels: ("a", "b", "c"), series: ("x", "y")), "bar.svg")
save(hist(randn(300), bins: 12), "hist.png")
save(quiver(grad(L), w1: -2...2, w2: -2...2, n: 8), "quiver.png")
save(heatmap([[1, 2], [3, 4]]), "heatmap.svg")
"""


def saddle_binary():
    for candidate in (os.environ.get("SADDLE_BIN"), ROOT / ".build/debug/saddle", ROOT / ".build/release/saddle"):
        if candidate and pathlib.Path(candidate).exists():
            return str(pathlib.Path(candidate).resolve())
    return None


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    binary = saddle_binary()
    if binary is None:
        pytest.skip("build saddle first (swift build --product saddle) or set SADDLE_BIN")
    out = tmp_path_factory.mktemp("figures")
    result = subprocess.run([binary, "repl"], input=CELLS, text=True, capture_output=True, cwd=out, timeout=300)
    assert "Error" not in result.stdout + result.stderr, result.stdout + result.stderr
    return out


def check_png(data: bytes):
    with Image.open(io.BytesIO(data)) as im:
        im.verify()
    with Image.open(io.BytesIO(data)) as im:
        im.load()
        assert im.mode in ("RGB", "RGBA") and im.size[0] > 0
        return im.size


@pytest.mark.parametrize("name", ["surface.png", "curve.png", "scatter.png", "hist.png", "quiver.png"])
def test_saved_png_decodes_and_passes_pngcheck(saved, name):
    path = saved / name
    size = check_png(path.read_bytes())
    assert size == ((1280, 960) if name == "curve.png" else (640, 480))
    if shutil.which("pngcheck"):
        subprocess.run(["pngcheck", "-q", str(path)], check=True)


@pytest.mark.parametrize("name", ["surface.svg", "bar.svg", "heatmap.svg"])
def test_saved_svg_is_well_formed(saved, name):
    root = ET.parse(saved / name).getroot()
    assert root.tag == SVG_NS + "svg" and root.get("version") == "1.1"
    texts = list(root.iter(SVG_NS + "text"))
    assert texts and all(t.get("font-family") == "DejaVu Sans" for t in texts)
    for image in root.iter(SVG_NS + "image"):
        href = image.get("{http://www.w3.org/1999/xlink}href")
        assert href.startswith("data:image/png;base64,")
        check_png(base64.b64decode(href.split(",", 1)[1]))


GOLDENS = sorted(GOLDEN.glob("*.png"))


@pytest.mark.parametrize("path", GOLDENS, ids=lambda p: p.name)
def test_plot_goldens_decode_and_pass_pngcheck(path):
    check_png(path.read_bytes())
    if shutil.which("pngcheck"):
        subprocess.run(["pngcheck", "-q", str(path)], check=True)
