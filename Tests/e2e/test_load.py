"""Many executes in a row, chatty output, and two clients on one kernel."""
import time

from jupyter_client import BlockingKernelClient


def _rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS for pid %d" % pid)


def test_a_thousand_executes_with_bounded_memory_growth(kernel, lean):
    km, _ = kernel
    pid = km.provisioner.process.pid

    def run(n):
        for i in range(n):
            msg_id = lean.execute("x%d = %d" % (i % 50, i) if i % 2 else "1 + 5")
            assert lean.reply(msg_id)["content"]["status"] == "ok"
            lean.iopub_until_idle(msg_id)

    run(200)
    before = _rss_kib(pid)
    run(1000)
    growth = _rss_kib(pid) - before
    assert growth < 16 * 1024, "RSS grew by %d KiB over 1,000 executes" % growth
    assert lean.alive()


def test_two_clients_share_one_kernel(kernel):
    km, a = kernel
    b = BlockingKernelClient()
    b.load_connection_info(km.get_connection_info())
    b.start_channels()
    try:
        b.wait_for_ready(timeout=30)
        a_id = a.execute('print("from a")')
        assert a.get_shell_msg(timeout=10)["parent_header"]["msg_id"] == a_id
        seen_by_b = []
        while True:
            m = b.get_iopub_msg(timeout=5)
            if m["parent_header"].get("msg_id") == a_id:
                seen_by_b.append(m)
                if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                    break
        assert any(m["msg_type"] == "stream" and m["content"]["text"] == "from a\n" for m in seen_by_b)
        b_id = b.execute("1 + 5")
        assert b.get_shell_msg(timeout=10)["parent_header"]["msg_id"] == b_id
        time.sleep(0.2)
        assert not a.shell_channel.msg_ready(), "B's reply must go to B only"
    finally:
        b.stop_channels()
