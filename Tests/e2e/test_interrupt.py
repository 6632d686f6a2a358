"""Interrupts in both modes during a 10 s sleep, and the heartbeat during that cell."""
import signal
import statistics
import time

import pytest
import zmq


def _interrupted_cell(lean, interrupt):
    lean.reply(lean.execute("kept = 42"))
    started = lean.execute("sleep(10)")
    queued = lean.execute("1 + 5")
    time.sleep(0.5)
    t0 = time.monotonic()
    interrupt()
    reply = lean.reply(started, timeout=5)
    elapsed = time.monotonic() - t0
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "Interrupted"
    assert elapsed < 2.0, "the interrupted cell took %.2f s to stop" % elapsed
    errors = [m for m in lean.iopub_until_idle(started) if m["msg_type"] == "error"]
    assert errors and errors[0]["content"]["ename"] == "Interrupted"
    assert lean.reply(queued)["content"]["status"] == "aborted", "the queue is aborted after an interrupt"
    survived = lean.execute("kept")
    reply = lean.reply(survived)
    assert reply["content"]["status"] == "ok"
    results = [m for m in lean.iopub_until_idle(survived) if m["msg_type"] == "execute_result"]
    assert results[0]["content"]["data"]["text/plain"] == "42", "variables survive an interrupt"


def test_interrupt_request_on_control_stops_a_sleeping_cell(lean):
    def interrupt():
        msg_id = lean.send(lean.control, "interrupt_request")
        assert lean.reply(msg_id, socket=lean.control)["content"]["status"] == "ok"
    _interrupted_cell(lean, interrupt)


def test_sigint_stops_a_sleeping_cell_and_does_not_kill_the_kernel(kernel, lean):
    km, _ = kernel
    _interrupted_cell(lean, lambda: km.signal_kernel(signal.SIGINT))
    assert km.is_alive()


def test_sigint_while_idle_is_harmless(kernel, lean):
    km, _ = kernel
    km.signal_kernel(signal.SIGINT)
    time.sleep(0.2)
    assert km.is_alive()
    msg_id = lean.execute("1 + 5")
    assert lean.reply(msg_id)["content"]["status"] == "ok", "a stale interrupt must not kill the next cell"


def test_jupyter_client_interrupt_uses_message_mode(kernel, lean):
    km, _ = kernel
    assert km.kernel_spec.interrupt_mode == "message"
    started = lean.execute("sleep(10)")
    time.sleep(0.3)
    km.interrupt_kernel()
    assert lean.reply(started, timeout=5)["content"]["ename"] == "Interrupted"


def test_heartbeat_answers_quickly_while_a_cell_runs(lean):
    started = lean.execute("sleep(10)")
    time.sleep(0.3)
    hb = lean.ctx.socket(zmq.REQ)
    hb.setsockopt(zmq.LINGER, 0)
    hb.connect(lean.endpoint("hb_port"))
    latencies = []
    for i in range(10):
        t0 = time.monotonic()
        hb.send(b"ping-%d" % i)
        assert hb.poll(2000), "heartbeat did not answer within 2 s during a running cell"
        assert hb.recv() == b"ping-%d" % i
        latencies.append(time.monotonic() - t0)
    hb.close()
    assert statistics.median(latencies) < 0.1, latencies
    msg_id = lean.send(lean.control, "interrupt_request")
    lean.reply(msg_id, socket=lean.control)
    assert lean.reply(started)["content"]["ename"] == "Interrupted"


def test_interrupt_while_waiting_for_input_ends_the_cell_as_interrupted(lean):
    msg_id = lean.execute('input("name: ")', allow_stdin=True)
    assert lean.recv(lean.stdin)["msg_type"] == "input_request"
    lean.reply(lean.send(lean.control, "interrupt_request"), socket=lean.control)
    reply = lean.reply(msg_id, timeout=5)
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "Interrupted"
