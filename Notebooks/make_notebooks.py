#!/usr/bin/env python3
"""Writes the lecture notebooks (Notebooks/*.ipynb) from the readable sources below.

Each notebook is a list of cells: a string starting with "md:" is a markdown cell, any
other string is a Saddle code cell; "measured:" starts a code cell whose outputs are timings
of this machine (tagged "measured": the tests compare its kinds of output, not its text). The files are written without outputs and with
stable cell ids (derived from the notebook name and the cell's position), so running
this script twice gives the same bytes; `scripts/main` then executes them in place with
`saddle run --inplace`, which fills in the outputs that are committed.

Usage: python3 Notebooks/make_notebooks.py [OUT_DIR]   (default: the Notebooks folder)
"""
import hashlib
import json
import os
import sys

from notebook_sources import NOTEBOOKS


def cell(notebook, index, text):
    """One nbformat 4.5 cell from a source string."""
    cid = hashlib.sha1(("%s/%d" % (notebook, index)).encode()).hexdigest()[:8]
    if text.startswith("md:"):
        body = text[3:].strip("\n")
        return {"cell_type": "markdown", "id": cid, "metadata": {}, "source": lines(body)}
    metadata = {}
    if text.startswith("measured:"):
        # Its outputs are measurements of this machine (times, rates): tagged so the tests
        # check that it runs and what kinds of output it shows, not the numbers themselves.
        text = text[len("measured:"):]
        metadata = {"tags": ["measured"]}
    body = text.strip("\n")
    return {"cell_type": "code", "execution_count": None, "id": cid, "metadata": metadata,
            "outputs": [], "source": lines(body)}


def lines(text):
    """nbformat's multi-line string: a list of lines, each but the last ending in a newline."""
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + [parts[-1]]


def notebook(name, cells):
    return {
        "cells": [cell(name, i, text) for i, text in enumerate(cells)],
        "metadata": {
            "kernelspec": {"display_name": "Saddle", "language": "saddle", "name": "saddle"},
            "language_info": {"name": "saddle", "file_extension": ".saddle", "mimetype": "text/x-saddle"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    for name, cells in NOTEBOOKS.items():
        path = os.path.join(out, name + ".ipynb")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(notebook(name, cells), f, indent=1, ensure_ascii=False)
            f.write("\n")
        print(path)


if __name__ == "__main__":
    main()
