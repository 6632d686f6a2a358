"""Bad, replayed and garbled messages are dropped and logged; the kernel stays alive."""
import json
import time

import pytest


def _no_reply(lean, socket=None, wait=0.3):
    socket = socket or lean.shell
    return not socket.poll(int(wait * 1000))


def test_unsigned_and_forged_messages_are_dropped(lean):
    _, frames = lean.frames("kernel_info_request")
    unsigned = frames[:1] + [b""] + frames[2:]
    forged = frames[:1] + [b"0" * 64] + frames[2:]
    tampered = list(frames)
    tampered[5] = b'{"extra": 1}'
    for bad in (unsigned, forged, tampered):
        lean.shell.send_multipart(bad)
        assert _no_reply(lean)
    assert lean.alive()


def test_a_replayed_message_is_rejected(lean):
    msg_id, frames = lean.frames("execute_request", {"code": "1 + 5", "silent": False})
    lean.shell.send_multipart(frames)
    assert lean.reply(msg_id)["content"]["status"] == "ok"
    lean.iopub_until_idle(msg_id)
    lean.shell.send_multipart(frames)
    assert _no_reply(lean), "an identical (replayed) message must not be executed again"
    assert not any(m["parent_header"].get("msg_id") == msg_id for m in _drain_iopub(lean))
    assert lean.alive()


def _drain_iopub(lean):
    out = []
    while lean.iopub.poll(100):
        out.append(lean.parse(lean.iopub.recv_multipart()))
    return out


def _signed(lean, header, content):
    parts = [header, b"{}", b"{}", content]
    return [b"<IDS|MSG>", lean.sign(parts)] + parts


@pytest.mark.parametrize("kind", ["no delimiter", "too few frames", "bad header json", "header without msg_type",
                                  "content not json", "content not an object", "missing fields", "unknown type",
                                  "binary junk"])
def test_garbled_messages_never_kill_the_kernel(lean, kind):
    header = json.dumps({"msg_id": "g-1", "msg_type": "execute_request", "session": "s", "username": "u",
                         "date": "2026-01-01T00:00:00Z", "version": "5.3"}).encode()
    frames = {
        "no delimiter": [b"hello", b"world"],
        "too few frames": [b"<IDS|MSG>", b"", b"{}"],
        "bad header json": _signed(lean, b"{not json", b"{}"),
        "header without msg_type": _signed(lean, b'{"msg_id": "x"}', b"{}"),
        "content not json": _signed(lean, header, b"{oops"),
        "content not an object": _signed(lean, header, b"[1, 2]"),
        "missing fields": _signed(lean, header, b'{"silent": false}'),
        "unknown type": _signed(lean, header.replace(b"execute_request", b"frobnicate_request"), b"{}"),
        "binary junk": [bytes(range(256)), b"<IDS|MSG>", b"\xff\xfe", b"\x00", b"", b"", b""],
    }[kind]
    lean.shell.send_multipart(frames)
    lean.control.send_multipart(frames)
    time.sleep(0.1)
    lean.drain()
    assert lean.alive()
    msg_id = lean.execute("1 + 5")
    assert lean.reply(msg_id)["content"]["status"] == "ok"


def test_missing_fields_get_an_error_reply_naming_the_problem(lean):
    header = json.dumps({"msg_id": "mf-1", "msg_type": "execute_request", "session": "s", "username": "u",
                         "date": "2026-01-01T00:00:00Z", "version": "5.3"}).encode()
    lean.shell.send_multipart(_signed(lean, header, b'{"silent": false}'))
    reply = lean.reply("mf-1")
    assert reply["content"]["status"] == "error"
    assert "code" in reply["content"]["evalue"]
