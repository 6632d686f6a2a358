"""Real Jupyter front ends: nbconvert/nbclient executing a notebook, jupyter console."""
import os
import shutil
import subprocess
import sys

import nbformat

from conftest import KERNEL_NAME

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures")


def test_nbconvert_executes_the_fixture_notebook_without_errors(tmp_path):
    source = os.path.join(FIXTURES, "small.ipynb")
    shutil.copy(source, tmp_path / "small.ipynb")
    subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
                    "--ExecutePreprocessor.kernel_name=" + KERNEL_NAME, "--ExecutePreprocessor.timeout=60",
                    "--output", "executed.ipynb", str(tmp_path / "small.ipynb")],
                   check=True, capture_output=True, text=True, timeout=120)
    nb = nbformat.read(tmp_path / "executed.ipynb", as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["language_info"]["name"] == "saddle"
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not any(o.output_type == "error" for o in outputs)
    texts = [o.get("text", "") for o in outputs if o.output_type == "stream"]
    assert "hello, world\n" in texts
    results = [o for o in outputs if o.output_type == "execute_result"]
    assert results and results[0].data["text/plain"] == "6"
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1))


def test_jupyter_console_answers_a_cell_non_interactively():
    result = subprocess.run(
        [sys.executable, "-m", "jupyter", "console", "--kernel=" + KERNEL_NAME, "--simple-prompt",
         "--ZMQTerminalInteractiveShell.kernel_timeout=30"],
        input="1 + 5\n", capture_output=True, text=True, timeout=90)
    assert "Out[1]: 6" in result.stdout, result.stdout + result.stderr
