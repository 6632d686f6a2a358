"""The lecture in JupyterLab as a person sees it: each notebook Run All in headless Chromium
(every cell ran, no error, every figure an <img> that decoded, every formula typeset by
MathJax), and a long `fit` watched live and stopped with the toolbar's stop button.
Screenshots go to out/browser/."""
import os
import re
import time

import pytest
from conftest import KERNEL_NAME, NOTEBOOKS, OUT
from lab_page import LabPage

RUN_ALL_TIMEOUT = 600  # s: a notebook's cells on a loaded 2-core machine, kernel start included
MATH_TIMEOUT = 60  # s: MathJax typesets after the outputs arrive
# Inline or display math in markdown: $…$ or $$…$$ around something that is not a space.
MATH_IN_MARKDOWN = re.compile(r"\$\$?[^\s$][^$]*\$")


@pytest.fixture
def page(driver, lab, request):
    """JupyterLab loaded afresh; a failing test leaves a screenshot FAILED-<test>.png."""
    page = LabPage(driver, lab)
    page.load()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        page.screenshot(os.path.join(OUT, "FAILED-%s.png" % re.sub(r"[^\w.-]+", "_", request.node.name)))


def _no_errors(state, name):
    for index, cell in enumerate(state["cells"]):
        for output in cell.get("outputs", []):
            assert output["type"] != "error", "%s cell %d failed: %s: %s" % (
                name, index, output["ename"], output["evalue"])


def _figures_decoded(page, name, expected):
    """Every image/png output is an <img> the browser decoded; returns how many."""
    def decoded():
        images = page.shown(name)["images"]
        done = len(images) == expected and all(i and i["complete"] and i["width"] > 0 for i in images)
        return done, images
    images = page.wait("%s's %d figures to decode" % (name, expected), decoded, timeout=30)
    assert all(i["width"] > 50 and i["height"] > 50 for i in images), images
    return len(images)


def _math_typeset(page, name, expected_latex):
    """Every text/latex output and every markdown cell with $…$ shows MathJax's output, no raw $$."""
    def typeset():
        shown = page.shown(name)
        latex_ok = len(shown["latex"]) == expected_latex and all(
            m["containers"] > 0 and not m["raw"] for m in shown["latex"])
        markdown_ok = all(m["containers"] > 0 and not m["raw"] for m in shown["markdown"]
                          if MATH_IN_MARKDOWN.search(m["source"]))
        return latex_ok and markdown_ok, shown
    shown = page.wait("%s's formulas to be typeset by MathJax" % name, typeset, timeout=MATH_TIMEOUT)
    return len(shown["latex"]), sum(1 for m in shown["markdown"] if m["containers"] > 0)


def test_the_lecture_notebooks_are_found():
    assert len(NOTEBOOKS) >= 3, "Notebooks/*.ipynb: the browser test would check nothing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=os.path.basename)
def test_lecture_notebook_runs_all_in_jupyterlab(page, path):
    name = os.path.basename(path)
    t0 = time.monotonic()
    page.open(name)
    state = page.state(name)
    assert state["kernel"] == KERNEL_NAME, "the notebook opened on kernel %r" % state["kernel"]
    page.command(name, "notebook:clear-all-cell-outputs")
    cleared = page.state(name)
    assert all(not c.get("outputs") and c.get("count") is None for c in cleared["cells"]), "outputs cleared"
    page.start(name, "notebook:run-all-cells")
    state = page.wait_until_ran(name, RUN_ALL_TIMEOUT)
    ran = time.monotonic() - t0

    code = [c for c in state["cells"] if c["type"] == "code"]
    assert [c["count"] for c in code] == list(range(1, len(code) + 1)), "every code cell ran once, in order"
    _no_errors(state, name)
    outputs = [o for c in code for o in c["outputs"]]
    pngs = sum("image/png" in o["mimes"] for o in outputs)
    latex = sum("text/latex" in o["mimes"] for o in outputs)
    assert pngs > 0, "the notebook shows figures"
    figures = _figures_decoded(page, name, pngs)
    formulas, markdown_math = _math_typeset(page, name, latex)
    page.scroll_to(name, ".jp-OutputArea-output[data-mime-type='image/png']")
    page.screenshot(os.path.join(OUT, name.replace(".ipynb", ".png")))
    print("\n%s: %d cells ran in %.1f s; %d figures decoded, %d LaTeX outputs and %d markdown cells typeset"
          % (name, len(code), ran, figures, formulas, markdown_math))
    page.close(name)


# A fit far longer than the test (batch 1 over 2,000 examples: 2,000 updates an epoch, 100,000
# epochs), whose figure is redrawn every epoch or two.
LONG_FIT = "h = fit(mlp(2, 64, 2, seed: 0), two_moons(n: 2000, seed: 0), batch: 1, epochs: 100000)"
AFTER = "p = last_fit()\n(p.stopped, p.updates > 0, p.epochs < 100000)"
LIVE_TIMEOUT = 60  # s: kernel start, then the first progress line and figure


def _live_look(page, path, before=None):
    """Waits for the live cell to show a progress line and a decoded figure, both different
    from `before` (an earlier look) when given; returns (line, figure data URL)."""
    def look():
        live = page.live(path, 0)
        lines = [t for t in live["texts"] if t.startswith("fit: epoch")]
        seen = (lines[-1] if lines else None, live["image"])
        shown = seen[0] is not None and seen[1] is not None and live["decoded"] > 0
        changed = before is None or (seen[0] != before[0] and seen[1] != before[1])
        return shown and changed, (seen[0], (seen[1] or "")[:80])
    page.wait("the live fit's progress line and figure" + (" to change" if before else ""), look, LIVE_TIMEOUT)
    live = page.live(path, 0)
    return [t for t in live["texts"] if t.startswith("fit: epoch")][-1], live["image"]


def test_stop_button_ends_a_live_fit_and_last_fit_answers(page):
    path = page.new_notebook(KERNEL_NAME)
    page.set_active_source(path, LONG_FIT)
    page.start(path, "notebook:run-cell")
    first = _live_look(page, path)
    page.screenshot(os.path.join(OUT, "live-1.png"))
    second = _live_look(page, path, before=first)
    page.screenshot(os.path.join(OUT, "live-2.png"))
    running = page.state(path)["cells"][0]
    assert running["count"] is None and "*" in running["prompt"], "the fit still runs when stop is pressed"

    page.stop_button(path).click()
    t0 = time.monotonic()
    stopped = page.wait_until_ran(path, timeout=30)["cells"][0]
    print("\nlive fit: %r then %r; stopped %.2f s after the click" % (first[0], second[0], time.monotonic() - t0))
    errors = [o for o in stopped["outputs"] if o["type"] == "error"]
    assert [e["ename"] for e in errors] == ["Interrupted"], stopped["outputs"]
    assert stopped["outputs"][-1]["type"] == "error", "the interrupt is the cell's last output"
    lines = [o["text"] for o in stopped["outputs"] if o["text"].startswith("fit: ")]
    assert len(lines) == 1 and lines[0].startswith("fit: interrupted "), "the live line became the status"
    page.screenshot(os.path.join(OUT, "live-interrupted.png"))

    page.command(path, "notebook:insert-cell-below")
    page.set_active_source(path, AFTER)
    page.start(path, "notebook:run-cell")
    after = page.wait_until_ran(path, timeout=30)["cells"]
    assert [c["count"] for c in after] == [1, 2]
    _no_errors({"cells": after[1:]}, path)
    results = [o["text"] for o in after[1]["outputs"] if o["type"] == "execute_result"]
    assert results == ['("interrupted", true, true)'], after[1]["outputs"]
    page.screenshot(os.path.join(OUT, "live-last-fit.png"))
    page.close(path)
