"""A small Jupyter client on raw pyzmq sockets that signs messages itself.

The e2e tests use it where jupyter_client would hide what is on the wire: sending forged,
replayed or garbled frames, reading every IOPub message in order, and sending bursts of
requests without waiting.
"""
import datetime
import hashlib
import hmac
import json
import time
import uuid

import zmq


def utc_now():
    """The current UTC time as jupyter_client writes a header's date: the kernel tells a request
    that was in flight when a cell failed (aborted) from one sent after the error (run) by it."""
    return datetime.datetime.now(datetime.timezone.utc).isoformat().replace("+00:00", "Z")


class LeanClient:
    def __init__(self, info, identity=None):
        self.info = dict(info)
        key = self.info["key"]
        self.key = key.encode() if isinstance(key, str) else key
        self.session = uuid.uuid4().hex
        self.ctx = zmq.Context()
        ident = identity or uuid.uuid4().hex.encode()
        self.shell = self._socket(zmq.DEALER, "shell_port", ident)
        self.control = self._socket(zmq.DEALER, "control_port", ident)
        self.stdin = self._socket(zmq.DEALER, "stdin_port", ident)
        self.iopub = self.ctx.socket(zmq.SUB)
        self.iopub.setsockopt(zmq.SUBSCRIBE, b"")
        self.iopub.connect(self.endpoint("iopub_port"))
        self.wait_for_iopub()

    def endpoint(self, port_name):
        i = self.info
        if i.get("transport", "tcp") == "ipc":
            return "ipc://%s-%s" % (i["ip"], i[port_name])
        return "tcp://%s:%s" % (i["ip"], i[port_name])

    def _socket(self, kind, port_name, ident):
        s = self.ctx.socket(kind)
        s.setsockopt(zmq.IDENTITY, ident)
        s.setsockopt(zmq.LINGER, 0)
        s.connect(self.endpoint(port_name))
        return s

    def sign(self, parts):
        if not self.key:
            return b""
        h = hmac.new(self.key, digestmod=hashlib.sha256)
        for p in parts:
            h.update(p)
        return h.hexdigest().encode()

    def frames(self, msg_type, content=None, msg_id=None, date=None):
        msg_id = msg_id or uuid.uuid4().hex
        header = {"msg_id": msg_id, "msg_type": msg_type, "session": self.session, "username": "test",
                  "date": date or utc_now(), "version": "5.3"}
        parts = [json.dumps(p).encode() for p in (header, {}, {}, content or {})]
        return msg_id, [b"<IDS|MSG>", self.sign(parts)] + parts

    def send(self, socket, msg_type, content=None, date=None):
        msg_id, frames = self.frames(msg_type, content, date=date)
        socket.send_multipart(frames)
        return msg_id

    def execute(self, code, date=None, **options):
        content = {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                   "allow_stdin": False, "stop_on_error": True}
        content.update(options)
        return self.send(self.shell, "execute_request", content, date=date)

    @staticmethod
    def parse(frames):
        i = frames.index(b"<IDS|MSG>")
        header, parent, metadata, content = (json.loads(f) for f in frames[i + 2:i + 6])
        return {"header": header, "parent_header": parent, "metadata": metadata, "content": content,
                "msg_type": header["msg_type"], "signature": frames[i + 1], "raw": frames[i + 2:i + 6]}

    def recv(self, socket, timeout=10.0):
        if not socket.poll(int(timeout * 1000)):
            raise TimeoutError("no message within %.1f s" % timeout)
        return self.parse(socket.recv_multipart())

    def reply(self, msg_id, socket=None, timeout=10.0):
        """The next reply on `socket` (default shell) whose parent is `msg_id`."""
        deadline = time.time() + timeout
        while True:
            m = self.recv(socket or self.shell, max(0.01, deadline - time.time()))
            if m["parent_header"].get("msg_id") == msg_id:
                return m

    def iopub_until_idle(self, msg_id, timeout=10.0):
        """IOPub messages with parent `msg_id`, up to and including its idle status."""
        out = []
        deadline = time.time() + timeout
        while True:
            m = self.recv(self.iopub, max(0.01, deadline - time.time()))
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            out.append(m)
            if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                return out

    def wait_for_iopub(self, timeout=10.0):
        """Sends kernel_info until an IOPub message arrives (the SUB socket is subscribed)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            msg_id = self.send(self.shell, "kernel_info_request")
            self.reply(msg_id)
            if self.iopub.poll(200):
                self.drain()
                return
        raise TimeoutError("IOPub never delivered a message")

    def drain(self):
        for s in (self.shell, self.iopub, self.control, self.stdin):
            while s.poll(50):
                s.recv_multipart()

    def alive(self):
        msg_id = self.send(self.shell, "kernel_info_request")
        return self.reply(msg_id, timeout=5)["content"]["status"] == "ok"

    def close(self):
        self.ctx.destroy(linger=0)
