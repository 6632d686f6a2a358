"""The peer of RasterBench: the same workloads drawn by matplotlib's Agg renderer
(RendererAgg.draw_path / draw_text_image path via draw_text) and encoded to PNG as
savefig does (Pillow, compress_level 6). Prints one JSON object per line."""

import io
import json
import math
import time

import numpy as np
from matplotlib import _image
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties
from matplotlib.path import Path
from matplotlib.transforms import Affine2D, IdentityTransform
from PIL import Image


def measure(repeats, body):
    body()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        body()
        times.append((time.perf_counter() - start) * 1e3)
    return sorted(times)[len(times) // 2]


def curve(n, width, height, phase):
    t = np.linspace(0, 1, n)
    x = 40 + t * (width - 80)
    y = height / 2 + height * 0.35 * np.sin(t * 25 + phase) * np.exp(-t * 1.5)
    return np.column_stack([x, height - y])  # Agg paths are y-up


def main():
    for scale in (1.0, 2.0):
        w, h = int(800 * scale), int(600 * scale)
        size = f"{w}x{h}"
        r = RendererAgg(w, h, 72)

        def report(name, ms):
            print(json.dumps({"case": name, "size": size, "ms": ms}))

        lines = [Path(curve(1000, w, h, k)) for k in range(10)]
        for p in lines:  # Raster draws what it is given; simplification is the Plot layer's job
            p.should_simplify = False
        ident = IdentityTransform()

        def clear():
            r.clear()
            gc = r.new_gc()
            gc.set_linewidth(0)
            r.draw_path(gc, Path.unit_rectangle(), Affine2D().scale(w, h), (1, 1, 1, 1))

        def strokes():
            clear()
            for i, p in enumerate(lines):
                gc = r.new_gc()
                gc.set_linewidth(1.5 * scale)
                gc.set_joinstyle("round")
                gc.set_capstyle("butt")
                gc.set_foreground((i * 20 / 255, 100 / 255, 180 / 255))
                r.draw_path(gc, p, ident)

        report("stroke 10×1000-pt lines", measure(9, strokes))
        circle = Path.circle(radius=3 * scale)
        centres = [((i * 7919) % w, h - (i * 104729) % h) for i in range(500)]

        def markers():
            clear()
            gc = r.new_gc()
            gc.set_linewidth(0)
            for cx, cy in centres:
                r.draw_path(gc, circle, Affine2D().translate(cx, cy), (31 / 255, 119 / 255, 180 / 255, 200 / 255))

        report("fill 500 markers", measure(9, markers))
        big = Path.circle(center=(w / 2, h / 2), radius=h * 0.45)

        def large():
            clear()
            gc = r.new_gc()
            gc.set_linewidth(0)
            for _ in range(20):
                r.draw_path(gc, big, ident, (1, 127 / 255, 14 / 255, 60 / 255))

        report("fill large circle ×20", measure(9, large))
        prop = FontProperties(family="DejaVu Sans", size=10 * scale * 96 / 72)

        def text():
            clear()
            gc = r.new_gc()
            gc.set_foreground((0, 0, 0))
            for i in range(50):
                x = (20 + (i % 5) * 150) * scale
                y = h - (30 + (i // 5) * 55) * scale
                r.draw_text(gc, x, y, f"loss 10⁻{i % 9} θ η", prop, 0)

        report("text 50 labels", measure(9, text))
        heat = np.full((200, 200, 4), 255, np.uint8)
        idx = np.arange(200 * 200)
        heat[..., 0] = (idx % 200).reshape(200, 200)
        heat[..., 1] = ((idx // 200) % 256).reshape(200, 200)
        fit = Affine2D().scale(w / 200, h / 200)

        def image(kind):
            # What imshow does per draw: resample into a canvas-sized buffer, then blit.
            def body():
                out = np.zeros((h, w, 4), np.uint8)
                _image.resample(heat, out, fit, kind)
                r.draw_image(r.new_gc(), 0, 0, out)
            return body

        report("image 200² → canvas, bilinear", measure(5, image(_image.BILINEAR)))
        report("image 200² → canvas, nearest", measure(5, image(_image.NEAREST)))
        strokes()
        markers_gc = r.new_gc()
        for cx, cy in centres:
            r.draw_path(markers_gc, circle, Affine2D().translate(cx, cy), (31 / 255, 119 / 255, 180 / 255, 200 / 255))
        rgba = np.asarray(r.buffer_rgba()).copy()
        img = Image.fromarray(rgba[..., :3])  # savefig drops alpha for an opaque figure? it keeps RGBA
        nbytes = 0

        def encode():
            nonlocal nbytes
            buf = io.BytesIO()
            Image.fromarray(rgba).save(buf, format="png", compress_level=6)
            nbytes = len(buf.getvalue())

        report("PNG encode", measure(5, encode))
        print(json.dumps({"case": "PNG bytes", "size": size, "bytes": nbytes}))
        del img


if __name__ == "__main__":
    main()
