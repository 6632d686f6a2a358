"""Kernel latency benchmark: Saddle against ipykernel, measured in the same run.

Measures, for each kernel (interleaved, so both see the same machine load):
  * startup: process spawn → first kernel_info_reply (median over --starts launches);
  * round trip of a trivial execute (`1 + 1`) and of one that fails (`undefined_name`, a
    NameError in both languages): request sent → execute_reply and IOPub idle both received
    (p50 and p99 over --n executes of each, after a warm-up). The reply's status is checked
    (ok, error), so an aborted request can never pass for a fast error.

The client is deliberately lean (raw pyzmq sockets, HMAC signing done here), because
jupyter_client's blocking client adds ~10 ms per round trip and would hide the kernels'
own latency. Headers carry the real send time, as jupyter_client's do (Saddle tells a request
in flight at an error from one sent after it by that date). Prints a table and the
Saddle/ipykernel ratios (targets: ≤ 0.1 for startup and for both round trips).

    python Benchmarks/kernel/bench.py --saddle .build/release/saddle [--ipykernel-python /work/venv/bin/python]
"""
import argparse
import datetime
import hashlib
import hmac
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

import zmq


def utc_now():
    """The current UTC time as jupyter_client writes a header's date: the kernel tells a request
    that was in flight when a cell failed (aborted) from one sent after the error (run) by it."""
    return datetime.datetime.now(datetime.timezone.utc).isoformat().replace("+00:00", "Z")


def free_ports(n):
    sockets, ports = [], []
    for _ in range(n):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        sockets.append(s)
        ports.append(s.getsockname()[1])
    for s in sockets:
        s.close()
    return ports


class Client:
    """Shell DEALER, control DEALER and IOPub SUB; signs with the connection key."""

    def __init__(self, info):
        self.key = info["key"].encode()
        self.session = uuid.uuid4().hex
        self.ctx = zmq.Context()
        url = "tcp://127.0.0.1:%d"
        # Reconnect quickly: the client connects before the kernel has bound its ports, and
        # libzmq's default 100 ms reconnect interval would be counted as kernel startup time.
        self.ctx.setsockopt(zmq.RECONNECT_IVL, 1)
        self.shell = self.ctx.socket(zmq.DEALER)
        self.shell.connect(url % info["shell_port"])
        self.control = self.ctx.socket(zmq.DEALER)
        self.control.connect(url % info["control_port"])
        self.iopub = self.ctx.socket(zmq.SUB)
        self.iopub.setsockopt(zmq.SUBSCRIBE, b"")
        self.iopub.connect(url % info["iopub_port"])
        self.counter = 0

    def send(self, sock, msg_type, content):
        self.counter += 1
        msg_id = "%s-%d" % (self.session, self.counter)
        header = {"msg_id": msg_id, "msg_type": msg_type, "session": self.session, "username": "bench",
                  "date": utc_now(), "version": "5.3"}
        parts = [json.dumps(header).encode(), b"{}", b"{}", json.dumps(content).encode()]
        mac = hmac.new(self.key, digestmod=hashlib.sha256)
        for p in parts:
            mac.update(p)
        sock.send_multipart([b"<IDS|MSG>", mac.hexdigest().encode()] + parts)
        return msg_id

    @staticmethod
    def parent_and_type(frames):
        i = frames.index(b"<IDS|MSG>")
        header = json.loads(frames[i + 2])
        parent = json.loads(frames[i + 3])
        return parent.get("msg_id"), header["msg_type"], frames[i + 5]

    def wait_reply(self, msg_id, timeout=30.0):
        deadline = time.perf_counter() + timeout
        while True:
            if not self.shell.poll(max(1, int((deadline - time.perf_counter()) * 1000))):
                raise TimeoutError("no reply")
            parent, _, _ = self.parent_and_type(self.shell.recv_multipart())
            if parent == msg_id:
                return

    def execute_round_trip(self, code, expect="ok"):
        t0 = time.perf_counter()
        msg_id = self.send(self.shell, "execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True})
        got_reply = got_idle = False
        poller = zmq.Poller()
        poller.register(self.shell, zmq.POLLIN)
        poller.register(self.iopub, zmq.POLLIN)
        while not (got_reply and got_idle):
            ready = dict(poller.poll(30000))
            if not ready:
                raise TimeoutError("execute did not finish")
            if self.shell in ready:
                parent, _, content = self.parent_and_type(self.shell.recv_multipart())
                if parent == msg_id:
                    got_reply = True
                    status = json.loads(content)["status"]
                    if status != expect:
                        raise RuntimeError("%r ended with status %s, not %s" % (code, status, expect))
            if self.iopub in ready:
                parent, kind, content = self.parent_and_type(self.iopub.recv_multipart())
                if parent == msg_id and kind == "status" and b'"idle"' in content:
                    got_idle = True
        return time.perf_counter() - t0

    def close(self):
        self.ctx.destroy(linger=0)


def launch(argv_template, workdir):
    ports = free_ports(5)
    info = dict(zip(["shell_port", "iopub_port", "stdin_port", "control_port", "hb_port"], ports),
                ip="127.0.0.1", transport="tcp", key=uuid.uuid4().hex, signature_scheme="hmac-sha256",
                kernel_name="bench")
    path = os.path.join(workdir, "conn-%s.json" % uuid.uuid4().hex[:8])
    with open(path, "w") as f:
        json.dump(info, f)
    argv = [a.replace("{connection_file}", path) for a in argv_template]
    client = Client(info)
    t0 = time.perf_counter()
    # Saddle keeps its history in a file, as by default, but in the run's own directory.
    env = dict(os.environ, SADDLE_HISTORY=os.path.join(workdir, "history.jsonl"))
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    msg_id = client.send(client.shell, "kernel_info_request", {})
    client.wait_reply(msg_id)
    return process, client, time.perf_counter() - t0


def stop(process, client):
    client.send(client.control, "shutdown_request", {"restart": False})
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    client.close()


def wait_for_iopub(client):
    """Until the SUB socket is connected, IOPub messages are lost; ping until one arrives."""
    for _ in range(100):
        msg_id = client.send(client.shell, "kernel_info_request", {})
        client.wait_reply(msg_id)
        if client.iopub.poll(100):
            while client.iopub.poll(50):
                client.iopub.recv_multipart()
            return
    raise TimeoutError("IOPub never connected")


CELLS = {"ok": ("1 + 1", "ok"), "error": ("undefined_name", "error")}


def measure(kernels, starts, n, workdir, rounds=10):
    """Startup and round trips for every kernel, interleaved so that load drifting on a shared
    machine affects all kernels alike: launches alternate, and the executes run in `rounds`
    alternating chunks (successful cells, then failing ones) with all kernels alive."""
    startups = {name: [] for name in kernels}
    for _ in range(starts):
        for name, argv in kernels.items():
            process, client, t = launch(argv, workdir)
            startups[name].append(t)
            stop(process, client)
    running = {name: launch(argv, workdir)[:2] for name, argv in kernels.items()}
    trips = {name: {kind: [] for kind in CELLS} for name in kernels}
    try:
        for _, client in running.values():
            wait_for_iopub(client)
            for code, expect in CELLS.values():
                for _ in range(max(20, n // 10)):
                    client.execute_round_trip(code, expect)
        for r in range(rounds):
            chunk = n // rounds + (1 if r < n % rounds else 0)
            for name, (_, client) in running.items():
                for kind, (code, expect) in CELLS.items():
                    trips[name][kind] += [client.execute_round_trip(code, expect) for _ in range(chunk)]
    finally:
        for process, client in running.values():
            stop(process, client)
    results = {}
    for name in kernels:
        results[name] = {"name": name, "startup": statistics.median(startups[name])}
        for kind in CELLS:
            t = sorted(trips[name][kind])
            results[name][kind] = {"p50": t[len(t) // 2], "p99": t[min(len(t) - 1, int(len(t) * 0.99))]}
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--saddle", required=True, help="path to the (release) saddle binary")
    parser.add_argument("--ipykernel-python", default=sys.executable, help="python with ipykernel installed")
    parser.add_argument("--n", type=int, default=1000, help="executes per kernel")
    parser.add_argument("--starts", type=int, default=5, help="launches per kernel for the startup median")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    kernels = {
        "saddle": [os.path.abspath(args.saddle), "kernel", "--connection-file", "{connection_file}"],
        "ipykernel": [args.ipykernel_python, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
    }
    # The connection files hold signing keys: they go away with the run.
    with tempfile.TemporaryDirectory(prefix="saddle-bench-") as workdir:
        results = measure(kernels, args.starts, args.n, workdir)
    saddle, ipy = results["saddle"], results["ipykernel"]
    print("load average before/after: %.2f / %.2f (%d cores)" % (load_before, os.getloadavg()[0], os.cpu_count()))
    print("%-10s %13s %13s %13s %13s %13s" % (
        "kernel", "startup (ms)", "ok p50 (ms)", "ok p99 (ms)", "err p50 (ms)", "err p99 (ms)"))
    for r in (saddle, ipy):
        print("%-10s %13.2f %13.3f %13.3f %13.3f %13.3f" % (
            r["name"], r["startup"] * 1e3, r["ok"]["p50"] * 1e3, r["ok"]["p99"] * 1e3,
            r["error"]["p50"] * 1e3, r["error"]["p99"] * 1e3))
    ratio = lambda kind, q: saddle[kind][q] / ipy[kind][q]
    print("ratio saddle/ipykernel: startup %.3f (target <= 0.1); ok p50 %.3f (target <= 0.1), p99 %.3f; "
          "error p50 %.3f (target <= 0.1), p99 %.3f"
          % (saddle["startup"] / ipy["startup"], ratio("ok", "p50"), ratio("ok", "p99"),
             ratio("error", "p50"), ratio("error", "p99")))


if __name__ == "__main__":
    main()
