"""Start-up, shutdown, restart, transports, the kernelspec and bad start-up input."""
import json
import os
import subprocess
import sys
import time

from jupyter_client.manager import KernelManager, start_new_kernel

from conftest import KERNEL_NAME


def test_kernelspec_is_listed_and_matches_the_template(saddle_bin, kernelspec_dir):
    out = subprocess.run([sys.executable, "-m", "jupyter", "kernelspec", "list", "--json"],
                         check=True, capture_output=True, text=True).stdout
    specs = json.loads(out)["kernelspecs"]
    assert KERNEL_NAME in specs
    spec = specs[KERNEL_NAME]["spec"]
    template = json.load(open(os.path.join(os.path.dirname(__file__), "..", "..", "kernel.json")))
    assert os.path.isabs(spec["argv"][0]) and os.path.samefile(spec["argv"][0], saddle_bin)
    assert spec["argv"][1:] == template["argv"][1:]
    for key in ("display_name", "language", "interrupt_mode", "metadata"):
        assert spec[key] == template[key], key
    from PIL import Image
    resource_dir = specs[KERNEL_NAME]["resource_dir"]
    for size in (32, 64):
        with Image.open(os.path.join(resource_dir, f"logo-{size}x{size}.png")) as logo:
            assert logo.size == (size, size)
            logo.load()


def test_install_rejects_a_bad_name(saddle_bin, tmp_path):
    result = subprocess.run([saddle_bin, "install", "--prefix", str(tmp_path), "--name", "bad name!"],
                            capture_output=True, text=True)
    assert result.returncode != 0 and "name" in result.stderr


def test_shutdown_replies_and_the_process_exits_promptly(kernel):
    km, kc = kernel
    process = km.provisioner.process
    msg_id = kc.shutdown()
    reply = kc.get_control_msg(timeout=5)
    assert reply["msg_type"] == "shutdown_reply"
    assert reply["parent_header"]["msg_id"] == msg_id
    assert reply["content"] == {"status": "ok", "restart": False}
    t0 = time.monotonic()
    process.wait(timeout=5)
    assert time.monotonic() - t0 < 2.0
    assert process.returncode == 0


def test_restart_twice_on_the_same_ports_keeps_serving(kernel):
    km, kc = kernel
    ports = km.get_connection_info()
    for _ in range(2):
        old_pid = km.provisioner.process.pid
        km.restart_kernel(now=False)
        assert km.provisioner.process.pid != old_pid
        info = km.get_connection_info()
        for name in ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port"):
            assert info[name] == ports[name]
        kc.wait_for_ready(timeout=30)
        reply = kc.execute_interactive("1 + 5", timeout=15)
        assert reply["content"]["status"] == "ok"
        assert reply["content"]["execution_count"] == 1, "a restarted kernel starts counting again"


def test_ipc_transport():
    km = KernelManager(kernel_name=KERNEL_NAME, transport="ipc")
    km.start_kernel()
    try:
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=30)
        reply = kc.execute_interactive("1 + 5", timeout=15)
        assert reply["content"]["status"] == "ok"
        kc.stop_channels()
    finally:
        km.shutdown_kernel(now=True)


def _connection_file(tmp_path, **overrides):
    info = {"shell_port": 0, "iopub_port": 0, "stdin_port": 0, "control_port": 0, "hb_port": 0,
            "ip": "127.0.0.1", "key": "k", "transport": "tcp", "signature_scheme": "hmac-sha256"}
    info.update(overrides)
    path = tmp_path / "conn.json"
    path.write_text(json.dumps(info))
    return path


def test_unsupported_signature_scheme_stops_at_start_with_a_clear_message(saddle_bin, tmp_path):
    path = _connection_file(tmp_path, signature_scheme="hmac-md5")
    result = subprocess.run([saddle_bin, "kernel", "--connection-file", str(path)],
                            capture_output=True, text=True, timeout=10)
    assert result.returncode != 0
    assert "hmac-md5" in result.stderr and "signature_scheme" in result.stderr


def test_missing_connection_file_is_a_clear_error(saddle_bin, tmp_path):
    result = subprocess.run([saddle_bin, "kernel", "--connection-file", str(tmp_path / "nope.json")],
                            capture_output=True, text=True, timeout=10)
    assert result.returncode != 0 and "nope.json" in result.stderr


def test_zero_ports_are_chosen_and_written_back(saddle_bin, tmp_path):
    path = _connection_file(tmp_path)
    process = subprocess.Popen([saddle_bin, "kernel", "--connection-file", str(path)],
                               stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 10
        while time.time() < deadline:
            info = json.loads(path.read_text() or "{}")
            if info.get("shell_port"):
                break
            time.sleep(0.05)
        assert all(info[p] > 0 for p in ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port"))
        from lean_client import LeanClient
        client = LeanClient(info)
        assert client.alive()
        client.close()
    finally:
        process.kill()
        process.wait()


def test_debug_log_shows_each_message_at_the_boundary(tmp_path):
    km = KernelManager(kernel_name=KERNEL_NAME)
    log = open(tmp_path / "kernel.log", "w")
    km.start_kernel(env={**os.environ, "SADDLE_LOG": "debug"}, stderr=log)
    try:
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=30)
        kc.execute_interactive("1 + 5", timeout=15)
        kc.stop_channels()
    finally:
        km.shutdown_kernel(now=True)
        log.close()
    text = (tmp_path / "kernel.log").read_text()
    assert "shell ← execute_request" in text and "shell → execute_reply" in text
    assert "iopub → status" in text


def _listed_specs(env):
    out = subprocess.run([sys.executable, "-m", "jupyter", "kernelspec", "list", "--json"], env=env,
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["kernelspecs"]


def test_install_user_and_sys_prefix_locations(saddle_bin, tmp_path):
    env = dict(os.environ, JUPYTER_DATA_DIR=str(tmp_path / "data"), VIRTUAL_ENV=str(tmp_path / "venv"))
    subprocess.run([saddle_bin, "install", "--user", "--name", "saddle-user"], env=env, check=True,
                   capture_output=True)
    assert (tmp_path / "data" / "kernels" / "saddle-user" / "kernel.json").is_file()
    assert "saddle-user" in _listed_specs(env)
    subprocess.run([saddle_bin, "install", "--sys-prefix", "--name", "Saddle-Env"], env=env, check=True,
                   capture_output=True)
    spec = tmp_path / "venv" / "share" / "jupyter" / "kernels" / "saddle-env" / "kernel.json"
    assert json.loads(spec.read_text())["interrupt_mode"] == "message", "names are lowercased like jupyter's"
    both = subprocess.run([saddle_bin, "install", "--user", "--sys-prefix"], env=env, capture_output=True, text=True)
    assert both.returncode != 0 and "at most one" in both.stderr


def _listening_addresses(port):
    """(ip, port) pairs from /proc/net/tcp{,6} in LISTEN state for `port`."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in open(table).read().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.append(address)
    return found


def test_sockets_are_bound_only_to_the_connection_files_address(kernel):
    km, _ = kernel
    info = km.get_connection_info()
    assert info["ip"] == "127.0.0.1"
    for name in ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port"):
        addresses = _listening_addresses(info[name])
        assert addresses == ["0100007F"], "%s listens on %s, not only 127.0.0.1" % (name, addresses)


def _running(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            state = next(line for line in f if line.startswith("State:"))
        return "Z" not in state.split()[1]
    except (FileNotFoundError, StopIteration):
        return False


def test_the_kernel_exits_when_the_launching_jupyter_process_dies():
    script = ("import time\nfrom jupyter_client.manager import KernelManager\n"
              "km = KernelManager(kernel_name=%r)\nkm.start_kernel()\n"
              "print(km.provisioner.process.pid, flush=True)\ntime.sleep(60)\n" % KERNEL_NAME)
    launcher = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    pid = int(launcher.stdout.readline())
    assert _running(pid)
    launcher.kill()
    launcher.wait()
    deadline = time.time() + 10
    while _running(pid) and time.time() < deadline:
        time.sleep(0.1)
    assert not _running(pid), "an orphaned kernel must exit on its own"


def test_shutdown_while_a_cell_runs_still_replies_and_exits(kernel):
    km, kc = kernel
    process = km.provisioner.process
    kc.execute("sleep(10)")
    time.sleep(0.3)
    msg_id = kc.shutdown()
    reply = kc.get_control_msg(timeout=5)
    assert reply["parent_header"]["msg_id"] == msg_id and reply["content"]["status"] == "ok"
    t0 = time.monotonic()
    process.wait(timeout=5)
    assert time.monotonic() - t0 < 2.0
