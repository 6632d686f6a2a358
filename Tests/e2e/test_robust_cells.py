"""Cells that used to fail badly (issue 11): runs that blow up show their summary and loss
curve, honest divergence messages, sizes beyond memory refused with the size they need, and
after each the kernel answers and a variable defined before survives."""
import base64


def _run(lean, code):
    msg_id = lean.execute(code)
    reply = lean.reply(msg_id, timeout=120)
    messages = lean.iopub_until_idle(msg_id, timeout=60)
    return reply["content"], messages


def _result(messages):
    results = [m for m in messages if m["msg_type"] == "execute_result"]
    return results[0]["content"]["data"] if results else None


def _survives(lean):
    content, messages = _run(lean, "sentinel")
    assert content["status"] == "ok"
    assert _result(messages)["text/plain"] == "31337", "a variable defined before survives"


def _png(data):
    raw = base64.b64decode(data["image/png"])
    assert raw[:8] == b"\x89PNG\r\n\x1a\n"
    return raw


def test_a_run_to_minus_infinity_shows_its_summary_curve_and_cause(lean):
    _run(lean, "sentinel = 31337")
    content, messages = _run(lean, "S(x, y) = x^2 - y^2\ngd(S, from: [1, 0.1], lr: 0.1, steps: 5000)")
    assert content["status"] == "ok", content
    data = _result(messages)
    _png(data)
    assert "the loss went to −∞: L is unbounded below along this path" in data["text/plain"]
    assert "overshoot" not in data["text/plain"]
    assert not [m for m in messages if m["msg_type"] == "stream" and m["content"]["name"] == "stderr"]
    _survives(lean)


def test_the_docs_divergence_example_and_its_log_loss_plot_draw(lean):
    _run(lean, "sentinel = 31337")
    content, messages = _run(lean, "Q(x, y) = x^2 + 10*y^2\nd = gd(Q, from: [1, 1], lr: 0.2, steps: 1000)\nd.status")
    assert content["status"] == "ok", content
    status = _result(messages)["text/plain"]
    assert "the step overshoots: lr = 0.2 is above the stable limit 2/λmax = 0.1" in status
    content, messages = _run(lean, "plot(loss: [d], log: true)")
    assert content["status"] == "ok", content
    data = _result(messages)
    _png(data)
    assert "not drawn" not in data["text/plain"]
    _survives(lean)


def test_a_network_beyond_memory_is_refused_with_its_size(lean):
    _run(lean, "sentinel = 31337")
    content, _ = _run(lean, "mlp(1048576, 1048576)")
    assert content["status"] == "error"
    assert "1099512676352 parameters" in content["evalue"], content["evalue"]
    assert "8.8 TB" in content["evalue"]
    _survives(lean)
