"""End-to-end tests of `saddle kernel` through real Jupyter clients.

SADDLE_BIN must name the built `saddle` binary (scripts/test sets it). At start-up the
kernelspec is installed with `saddle install --prefix <tmp> --name saddle-test`, and
JUPYTER_PATH / JUPYTER_DATA_DIR / JUPYTER_RUNTIME_DIR point into that temporary
directory, so the tests never read or touch the user's real kernels. SADDLE_HISTORY points
every kernel's history file there too, so no test writes to the real history.
"""
import json
import os
import shutil
import subprocess
import tempfile

import pytest

KERNEL_NAME = "saddle-test"
_TMP = None


def pytest_configure(config):
    global _TMP
    binary = os.environ.get("SADDLE_BIN")
    if not binary or not os.path.isfile(binary):
        raise pytest.UsageError("set SADDLE_BIN to the built saddle binary (scripts/test does)")
    _TMP = tempfile.mkdtemp(prefix="saddle-e2e-")
    subprocess.run([binary, "install", "--prefix", _TMP, "--name", KERNEL_NAME], check=True,
                   stdout=subprocess.DEVNULL)
    os.environ["JUPYTER_PATH"] = os.path.join(_TMP, "share", "jupyter")
    os.environ["JUPYTER_DATA_DIR"] = os.path.join(_TMP, "data")
    os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(_TMP, "runtime")
    os.environ["JUPYTER_CONFIG_DIR"] = os.path.join(_TMP, "config")
    os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
    os.environ["SADDLE_HISTORY"] = os.path.join(_TMP, "history.jsonl")


def pytest_unconfigure(config):
    if _TMP:
        shutil.rmtree(_TMP, ignore_errors=True)


@pytest.fixture(scope="session")
def saddle_bin():
    return os.environ["SADDLE_BIN"]


@pytest.fixture(scope="session")
def kernelspec_dir():
    return os.path.join(_TMP, "share", "jupyter", "kernels", KERNEL_NAME)


@pytest.fixture
def kernel():
    """A fresh kernel with a started blocking client, shut down afterwards."""
    from jupyter_client.manager import start_new_kernel
    km, kc = start_new_kernel(kernel_name=KERNEL_NAME)
    yield km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


@pytest.fixture
def lean(kernel):
    """A lean signing pyzmq client on the same kernel (see lean_client.py)."""
    from lean_client import LeanClient
    km, _ = kernel
    client = LeanClient(km.get_connection_info())
    yield client
    client.close()
