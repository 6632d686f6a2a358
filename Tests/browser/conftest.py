"""JupyterLab in headless Chromium, driven by selenium, with the built Saddle kernel.

SADDLE_BIN must name the built `saddle` binary (scripts/test sets it). The session's fixtures:
`lab` installs the kernelspec with `saddle install --prefix <tmp> --name saddle` (the name the
lecture notebooks ask for), copies every `Notebooks/*.ipynb` into a temporary root and starts
JupyterLab there on a free 127.0.0.1 port with a random token; `page` is a headless Chromium
on that JupyterLab. JUPYTER_PATH and the other Jupyter directories point into the temporary
directory, so the user's kernels, settings and workspaces are never read or touched.

Without Chromium, its driver, selenium or JupyterLab the tests are skipped with the reason
printed, except in CI (CI=true), where a missing piece fails: `scripts/setup` installs them.
"""
import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NOTEBOOKS = sorted(glob.glob(os.path.join(ROOT, "Notebooks", "*.ipynb")))
OUT = os.path.join(ROOT, "out", "browser")
KERNEL_NAME = "saddle"
CHROMIUM = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")
SERVER_START_TIMEOUT = 90  # s: the first launch on a loaded 2-core machine is slow

# JupyterLab settings for the test: every cell attached to the page (so each output is in the
# DOM to check), no news or update checks (no request leaves the machine).
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false", "checkForUpdates": False},
}


def pytest_configure(config):
    binary = os.environ.get("SADDLE_BIN")
    if not binary or not os.path.isfile(binary):
        raise pytest.UsageError("set SADDLE_BIN to the built saddle binary (scripts/test does)")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keeps each phase's report on the test item, so a fixture can screenshot a failure."""
    outcome = yield
    setattr(item, "report_" + call.when, outcome.get_result())


def _missing():
    """What the browser test needs and this machine lacks (scripts/setup installs all of it)."""
    missing = []
    if not any(os.path.isfile(p) for p in CHROMIUM):
        missing.append("chromium (Debian package `chromium`)")
    if not shutil.which("chromedriver"):
        missing.append("chromedriver (Debian package `chromium-driver`)")
    for module, package in (("selenium", "selenium"), ("jupyterlab", "jupyterlab")):
        try:
            __import__(module)
        except ImportError:
            missing.append("%s (pip package `%s` in the test venv)" % (module, package))
    return missing


@pytest.fixture(scope="session")
def browser_tools():
    """Fails in CI and skips loudly elsewhere when a piece of the browser stack is missing."""
    missing = _missing()
    if missing:
        message = "JupyterLab browser test NOT RUN: missing %s; run scripts/setup" % ", ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        print("\n*** " + message + " ***")
        pytest.skip(message)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _environment(tmp):
    env = dict(os.environ)
    env.update({
        "JUPYTER_PATH": os.path.join(tmp, "share", "jupyter"),
        "JUPYTER_DATA_DIR": os.path.join(tmp, "data"),
        "JUPYTER_RUNTIME_DIR": os.path.join(tmp, "runtime"),
        "JUPYTER_CONFIG_DIR": os.path.join(tmp, "config"),
        "JUPYTER_PLATFORM_DIRS": "1",
        "SADDLE_HISTORY": os.path.join(tmp, "history.jsonl"),
    })
    return env


def _write_settings(tmp):
    for name, values in LAB_SETTINGS.items():
        path = os.path.join(tmp, "config", "lab", "user-settings", name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            json.dump(values, f)


class Lab:
    """A running JupyterLab: its URL, token, notebook root and server process."""

    def __init__(self, tmp, port, token, process):
        self.tmp, self.port, self.token, self.process = tmp, port, token, process
        self.root = os.path.join(tmp, "root")
        self.base = "http://127.0.0.1:%d" % port

    def url(self, path):
        return "%s%s%stoken=%s" % (self.base, path, "&" if "?" in path else "?", self.token)

    def get(self, path, method="GET", timeout=5):
        request = urllib.request.Request(self.url(path), method=method)
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()

    def wait_until_up(self):
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError("JupyterLab exited with %s; see %s" % (self.process.returncode, self.log))
            try:
                if self.get("/api/status")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.25)
        raise AssertionError("JupyterLab did not answer within %d s; see %s" % (SERVER_START_TIMEOUT, self.log))

    @property
    def log(self):
        return os.path.join(OUT, "jupyterlab.log")

    def stop(self):
        """Asks the server to shut down (it ends its kernels), then ends whatever is left."""
        try:
            self.get("/api/shutdown", method="POST")
            self.process.wait(timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            pass
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        for pid in _processes_mentioning(self.tmp):
            os.kill(pid, signal.SIGKILL)  # a kernel the server failed to end (its connection file is ours)


def _processes_mentioning(text):
    """Pids of live processes whose command line mentions `text` (the test's temporary directory)."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open("/proc/%s/cmdline" % entry, "rb") as f:
                if text.encode() in f.read():
                    pids.append(int(entry))
        except OSError:
            pass
    return pids


@pytest.fixture(scope="session")
def lab(browser_tools):
    """JupyterLab on a free port, root holding copies of the lecture notebooks; always stopped."""
    os.makedirs(OUT, exist_ok=True)
    for old in glob.glob(os.path.join(OUT, "*.png")):
        os.remove(old)  # no screenshot of an earlier run is mistaken for this one's
    tmp = tempfile.mkdtemp(prefix="saddle-browser-")
    subprocess.run([os.environ["SADDLE_BIN"], "install", "--prefix", tmp, "--name", KERNEL_NAME],
                   check=True, stdout=subprocess.DEVNULL)
    os.makedirs(os.path.join(tmp, "root"))
    for path in NOTEBOOKS:
        shutil.copy(path, os.path.join(tmp, "root"))
    _write_settings(tmp)
    port, token = _free_port(), uuid.uuid4().hex
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
               "--ServerApp.port=%d" % port, "--ServerApp.port_retries=0",
               "--IdentityProvider.token=%s" % token, "--ServerApp.root_dir=%s" % os.path.join(tmp, "root"),
               "--LabApp.expose_app_in_browser=True", "--LabApp.extension_manager=readonly",
               "--ServerApp.terminals_enabled=False", "--allow-root"]
    log = open(os.path.join(OUT, "jupyterlab.log"), "w")
    process = subprocess.Popen(command, env=_environment(tmp), stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, start_new_session=True)
    server = Lab(tmp, port, token, process)
    try:
        t0 = time.monotonic()
        server.wait_until_up()
        print("\nJupyterLab up in %.1f s" % (time.monotonic() - t0))
        yield server
    finally:
        server.stop()
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def driver(lab):
    """Headless Chromium through Debian's chromedriver (selenium never downloads a driver)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = next(p for p in CHROMIUM if os.path.isfile(p))
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--window-size=1400,1000", "--no-first-run", "--disable-extensions",
                 "--disable-background-networking", "--disable-component-update",
                 "--user-data-dir=%s" % os.path.join(lab.tmp, "chromium")):
        options.add_argument(flag)
    service = Service(executable_path=shutil.which("chromedriver"),
                      log_output=os.path.join(OUT, "chromedriver.log"))
    browser = webdriver.Chrome(options=options, service=service)
    browser.set_script_timeout(120)
    try:
        yield browser
    finally:
        browser.quit()
