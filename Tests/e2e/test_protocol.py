"""Protocol behaviour the conformance suite does not check: parents, status, abort, stdin."""
import json
import time


def test_every_iopub_message_of_every_request_carries_the_request_as_parent(lean):
    requests = [
        ("execute_request", {"code": 'print("hi")\ndisplay([1, 2])\n1 + 5', "silent": False,
                             "store_history": True, "allow_stdin": False, "stop_on_error": True}),
        ("kernel_info_request", {}),
        ("complete_request", {"code": "pri", "cursor_pos": 3}),
        ("inspect_request", {"code": "print", "cursor_pos": 5, "detail_level": 0}),
        ("is_complete_request", {"code": "1 +"}),
        ("history_request", {"hist_access_type": "tail", "n": 5, "output": False, "raw": True}),
        ("comm_info_request", {}),
        ("comm_open", {"comm_id": "c-1", "target_name": "no.such.target", "data": {}}),
        ("no_such_request", {}),
    ]
    for msg_type, content in requests:
        msg_id = lean.send(lean.shell, msg_type, content)
        messages = lean.iopub_until_idle(msg_id)
        kinds = [m["msg_type"] for m in messages]
        assert kinds[0] == "status" and messages[0]["content"]["execution_state"] == "busy", (msg_type, kinds)
        for m in messages:
            assert m["parent_header"]["msg_id"] == msg_id
            assert m["header"]["version"] == "5.3" and m["header"]["date"].endswith("Z")
            assert isinstance(m["metadata"], dict) and isinstance(m["content"], dict)
        if msg_type == "execute_request":
            assert kinds == ["status", "execute_input", "stream", "display_data", "execute_result", "status"]
        if msg_type == "comm_open":
            assert kinds == ["status", "comm_close", "status"]
            assert messages[1]["content"] == {"comm_id": "c-1", "data": {}}
        if msg_type not in ("comm_open", "no_such_request"):
            reply = lean.reply(msg_id)
            assert reply["msg_type"] == msg_type.replace("_request", "_reply")
            expected = "incomplete" if msg_type == "is_complete_request" else "ok"
            assert reply["content"]["status"] == expected


def test_control_requests_get_busy_reply_idle_on_control(lean):
    msg_id = lean.send(lean.control, "kernel_info_request")
    reply = lean.reply(msg_id, socket=lean.control)
    assert reply["msg_type"] == "kernel_info_reply"
    info = reply["content"]["language_info"]
    assert {"name", "version", "mimetype", "file_extension", "pygments_lexer", "codemirror_mode"} <= set(info)
    states = [m["content"].get("execution_state") for m in lean.iopub_until_idle(msg_id)]
    assert states == ["busy", "idle"]


def test_error_aborts_the_already_queued_executes_and_the_next_cell_runs(lean):
    # The failing cell takes a moment, so the two cells after it are surely queued when it
    # fails (a fast client can send them after a cell that fails at once is over: see below).
    first = lean.execute("sleep(0.2)\nundefined_name")
    queued = [lean.execute("1 + 5"), lean.execute('print("never")')]
    error_reply = lean.reply(first)
    assert error_reply["content"]["status"] == "error"
    assert error_reply["content"]["ename"] == "NameError"
    assert isinstance(error_reply["content"]["execution_count"], int)
    for msg_id in queued:
        reply = lean.reply(msg_id)
        assert reply["content"]["status"] == "aborted"
        assert reply["content"].get("execution_count") is None
        kinds = [m["msg_type"] for m in lean.iopub_until_idle(msg_id)]
        assert kinds == ["status", "status"], "an aborted cell must not run"
    after = lean.execute("1 + 5")
    assert lean.reply(after)["content"]["status"] == "ok"


def test_an_execute_sent_before_a_failed_cells_idle_is_aborted_even_when_it_arrives_later(lean):
    """A "Run All" straggler: dated before the failing cell's idle, arriving after it. The
    kernel does not wait for stragglers (which made every error ~20 ms slow); it tells them
    by their header date. A cell sent after the idle runs."""
    import datetime
    before = datetime.datetime.now(datetime.timezone.utc).isoformat().replace("+00:00", "Z")
    first = lean.execute("undefined_name")
    assert lean.reply(first)["content"]["status"] == "error"
    lean.iopub_until_idle(first)
    straggler = lean.execute("1 + 5", date=before)
    assert lean.reply(straggler)["content"]["status"] == "aborted"
    assert [m["msg_type"] for m in lean.iopub_until_idle(straggler)] == ["status", "status"]
    after = lean.execute("1 + 5")
    assert lean.reply(after)["content"]["status"] == "ok"


def test_stop_on_error_false_keeps_the_queue(lean):
    first = lean.execute("undefined_name", stop_on_error=False)
    second = lean.execute("1 + 5")
    assert lean.reply(first)["content"]["status"] == "error"
    assert lean.reply(second)["content"]["status"] == "ok"


def test_counting_rules_through_the_wire(lean):
    counts = []
    for options in ({}, {"silent": True}, {"store_history": False}, {}):
        msg_id = lean.execute("1 + 5", **options)
        counts.append(lean.reply(msg_id)["content"]["execution_count"])
        messages = lean.iopub_until_idle(msg_id)
        if options.get("silent"):
            assert [m["msg_type"] for m in messages] == ["status", "status"]
    assert counts[1] == counts[0] and counts[2] == counts[0] and counts[3] == counts[0] + 1


def test_input_goes_through_stdin_when_allowed(kernel):
    km, kc = kernel
    msg_id = kc.execute('input("Your name: ")', allow_stdin=True)
    request = kc.get_stdin_msg(timeout=10)
    assert request["msg_type"] == "input_request"
    assert request["content"]["prompt"] == "Your name: "
    assert request["parent_header"]["msg_id"] == msg_id
    kc.input("Ada")
    reply = kc.get_shell_msg(timeout=10)
    assert reply["content"]["status"] == "ok"
    outputs = []
    while True:
        m = kc.get_iopub_msg(timeout=5)
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            break
        outputs.append(m)
    assert any(m["msg_type"] == "execute_result" and "Ada" in m["content"]["data"]["text/plain"] for m in outputs)


def test_input_without_stdin_fails_with_a_clear_error(lean):
    msg_id = lean.execute('input("Your name: ")', allow_stdin=False)
    reply = lean.reply(msg_id)
    assert reply["content"]["status"] == "error"
    assert "input" in (reply["content"]["evalue"] + reply["content"]["ename"]).lower()
    assert not lean.stdin.poll(100), "no input_request may be sent when stdin is not allowed"


def test_cursor_positions_count_unicode_code_points(lean):
    code = 'print("é👍 naïve")\npri'
    msg_id = lean.send(lean.shell, "complete_request", {"code": code, "cursor_pos": len(code)})
    reply = lean.reply(msg_id)["content"]
    assert "print" in reply["matches"]
    assert reply["cursor_start"] == len(code) - 3 and reply["cursor_end"] == len(code)


def _strict_json(raw):
    def reject(constant):
        raise AssertionError("non-JSON constant %s on the wire" % constant)
    return json.loads(raw, parse_constant=reject)


def test_non_finite_numbers_never_reach_the_wire_as_nan(lean):
    for code in ("0/0", "1/0", "-1/0", "[0/0, 1]"):
        msg_id = lean.execute(code)
        lean.reply(msg_id)
        for m in lean.iopub_until_idle(msg_id):
            for raw in m["raw"]:
                _strict_json(raw)


def test_a_chatty_cell_is_coalesced_into_few_stream_messages(lean):
    code = "\n".join('print("line %d")' % i for i in range(2000))
    msg_id = lean.execute(code)
    assert lean.reply(msg_id, timeout=30)["content"]["status"] == "ok"
    streams = [m for m in lean.iopub_until_idle(msg_id) if m["msg_type"] == "stream"]
    assert len(streams) <= 100, "%d stream messages for 2000 prints" % len(streams)
    assert "".join(m["content"]["text"] for m in streams) == "".join("line %d\n" % i for i in range(2000))


def test_a_stale_input_reply_is_not_taken_as_the_next_answer(lean):
    def ask_and_answer(answer, extra=None):
        msg_id = lean.execute('input("name: ")', allow_stdin=True)
        request = lean.recv(lean.stdin)
        assert request["msg_type"] == "input_request" and request["parent_header"]["msg_id"] == msg_id
        lean.send(lean.stdin, "input_reply", {"value": answer})
        if extra is not None:
            lean.send(lean.stdin, "input_reply", {"value": extra})
        assert lean.reply(msg_id)["content"]["status"] == "ok"
        return [m["content"]["data"]["text/plain"] for m in lean.iopub_until_idle(msg_id)
                if m["msg_type"] == "execute_result"]

    ask_and_answer("first", extra="stale")
    time.sleep(0.1)
    assert "fresh" in ask_and_answer("fresh")[0]


def test_a_burst_of_kernel_info_on_both_channels_is_all_answered(lean):
    """jupyter_server nudges with kernel_info on shell and control until it sees replies and IOPub."""
    sent = [(lean.send(lean.shell, "kernel_info_request"), lean.shell) for _ in range(20)]
    sent += [(lean.send(lean.control, "kernel_info_request"), lean.control) for _ in range(20)]
    for msg_id, socket in sent:
        assert lean.reply(msg_id, socket=socket)["msg_type"] == "kernel_info_reply"
    states = {msg_id: [] for msg_id, _ in sent}
    while sum(s[-1:] == ["idle"] for s in states.values()) < len(sent):
        m = lean.recv(lean.iopub)
        parent = m["parent_header"].get("msg_id")
        if parent in states and m["msg_type"] == "status":
            states[parent].append(m["content"]["execution_state"])
    assert all(s == ["busy", "idle"] for s in states.values()), states


def test_user_expressions_are_evaluated_after_the_cell_each_on_its_own(lean):
    msg_id = lean.execute("y = 2;", user_expressions={"ok": "1 + 5", "bad": "undefined_name"})
    content = lean.reply(msg_id)["content"]
    assert content["status"] == "ok"
    expressions = content["user_expressions"]
    assert expressions["ok"]["status"] == "ok" and expressions["ok"]["data"]["text/plain"] == "6"
    assert expressions["bad"]["status"] == "error" and expressions["bad"]["ename"] == "NameError"
    kinds = [m["msg_type"] for m in lean.iopub_until_idle(msg_id)]
    assert kinds == ["status", "execute_input", "status"], "user expressions publish nothing"
