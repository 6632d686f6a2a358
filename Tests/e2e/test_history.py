"""History that survives the kernel: numbered sessions in the SADDLE_HISTORY file.

Each test gets its own history file (conftest points every other kernel at a shared one in
its temporary directory, never the user's home)."""
import json
import os

from jupyter_client.manager import KernelManager

from conftest import KERNEL_NAME


def _start(env):
    km = KernelManager(kernel_name=KERNEL_NAME)
    km.start_kernel(env={**os.environ, **env})
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=30)
    return km, kc


def _stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def _history(kc, **request):
    msg_id = kc.history(raw=True, **request)
    while True:
        reply = kc.get_shell_msg(timeout=15)
        if reply["parent_header"].get("msg_id") == msg_id:
            assert reply["msg_type"] == "history_reply"
            return [[s, n, text if isinstance(text, str) else list(text)] for s, n, text in reply["content"]["history"]]


def _run(kc, *cells):
    for code in cells:
        assert kc.execute_interactive(code, timeout=15)["content"]["status"] == "ok"


def test_a_relaunched_kernel_sees_the_previous_session(tmp_path):
    env = {"SADDLE_HISTORY": str(tmp_path / "history.jsonl")}
    km, kc = _start(env)
    try:
        _run(kc, "1 + 1", "2 * 3")
        assert _history(kc, hist_access_type="tail", n=10) == [[1, 1, "1 + 1"], [1, 2, "2 * 3"]]
    finally:
        _stop(km, kc)

    km, kc = _start(env)
    try:
        # Before anything runs, as `jupyter console` asks at start for its up-arrow history.
        assert _history(kc, hist_access_type="tail", n=1000, output=True) == [
            [1, 1, ["1 + 1", "2"]], [1, 2, ["2 * 3", "6"]]]
        _run(kc, "10 - 4")
        assert _history(kc, hist_access_type="tail", n=2) == [[1, 2, "2 * 3"], [2, 1, "10 - 4"]]
        assert _history(kc, hist_access_type="range", session=-1, start=1, stop=None) == [
            [1, 1, "1 + 1"], [1, 2, "2 * 3"]]
        assert _history(kc, hist_access_type="range", session=0, start=1, stop=None) == [[2, 1, "10 - 4"]]
        assert _history(kc, hist_access_type="search", pattern="* * *", unique=True) == [
            [1, 1, "1 + 1"], [1, 2, "2 * 3"], [2, 1, "10 - 4"]]
    finally:
        _stop(km, kc)

    records = [json.loads(line) for line in (tmp_path / "history.jsonl").read_text().splitlines()]
    assert [r["session"] for r in records if "start" in r] == [1, 2]
    assert {"session": 2, "line": 1, "input": "10 - 4", "output": "6"} in records


def test_a_restarted_kernel_sees_the_cells_from_before_the_restart(tmp_path):
    km, kc = _start({"SADDLE_HISTORY": str(tmp_path / "history.jsonl")})
    try:
        _run(kc, "1 + 2")
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=30)
        _run(kc, "3 + 4")
        assert _history(kc, hist_access_type="tail", n=10) == [[1, 1, "1 + 2"], [2, 1, "3 + 4"]]
        assert _history(kc, hist_access_type="range", session=-1, start=1, stop=None) == [[1, 1, "1 + 2"]]
    finally:
        _stop(km, kc)


def test_two_kernels_on_one_file_each_get_their_own_cells_last_in_tail(tmp_path):
    """Regression: with two notebooks open, tail ended with the other kernel's cells (the
    larger session number), so the console's up-arrow recalled the other notebook."""
    env = {"SADDLE_HISTORY": str(tmp_path / "history.jsonl")}
    first, second = _start(env), _start(env)
    try:
        _run(first[1], "1 + 1")
        _run(second[1], "2 + 2", "3 + 3")
        _run(first[1], "4 + 4")
        assert _history(first[1], hist_access_type="tail", n=10) == [
            [2, 1, "2 + 2"], [2, 2, "3 + 3"], [1, 1, "1 + 1"], [1, 2, "4 + 4"]]
        assert _history(first[1], hist_access_type="tail", n=2) == [[1, 1, "1 + 1"], [1, 2, "4 + 4"]]
        assert _history(second[1], hist_access_type="tail", n=10) == [
            [1, 1, "1 + 1"], [1, 2, "4 + 4"], [2, 1, "2 + 2"], [2, 2, "3 + 3"]]
    finally:
        _stop(*first)
        _stop(*second)


def test_history_off_keeps_each_kernel_to_itself(tmp_path):
    km, kc = _start({"SADDLE_HISTORY": "off", "XDG_DATA_HOME": str(tmp_path), "HOME": str(tmp_path)})
    try:
        _run(kc, "1 + 2")
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=30)
        _run(kc, "3 + 4")
        assert _history(kc, hist_access_type="tail", n=10) == [[1, 1, "3 + 4"]]
        assert _history(kc, hist_access_type="range", session=-1, start=1, stop=None) == []
    finally:
        _stop(km, kc)
    assert list(tmp_path.iterdir()) == []


def test_an_unusable_history_path_does_not_stop_the_kernel(tmp_path):
    (tmp_path / "blocker").write_text("a file where a directory should be")
    km, kc = _start({"SADDLE_HISTORY": str(tmp_path / "blocker" / "history.jsonl")})
    try:
        _run(kc, "1 + 2", "2 + 3")
        assert _history(kc, hist_access_type="tail", n=10) == [[1, 1, "1 + 2"], [1, 2, "2 + 3"]]
    finally:
        _stop(km, kc)


def test_the_suite_kernels_write_history_into_the_temporary_directory(kernel):
    km, kc = kernel
    path = os.environ["SADDLE_HISTORY"]
    home = os.path.expanduser("~")
    assert not path.startswith(os.path.join(home, ".local"))
    _run(kc, "5 + 5")
    records = [json.loads(line) for line in open(path).read().splitlines()]
    assert any(r.get("input") == "5 + 5" for r in records)
