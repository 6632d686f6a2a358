import Foundation
import JupyterKernel
import JupyterProtocol
import Testing
import _TestSupport

@Suite struct RequestTests {
  @Test(arguments: [Channel.shell, .control])
  func kernelInfoOnBothChannelsHasBusyReplyIdle(channel: Channel) throws {
    let h = Harness()
    let request = makeRequest("kernel_info_request")
    h.kernel.handle(request, on: channel)
    #expect(h.transport.iopubSequence == ["status:busy", "status:idle"])
    let reply = try #require(h.replies("kernel_info_reply").first)
    #expect(reply.channel == channel && reply.parentMsgID == request.header.msgID)
    #expect(reply.content["protocol_version"] == "5.3" && reply.content["status"] == "ok")
    #expect(reply.content["implementation"] == "saddle" && reply.content["banner"] == "Mock interpreter")
    let info = try #require(reply.content["language_info"])
    for key in ["name", "version", "mimetype", "file_extension", "pygments_lexer", "codemirror_mode"] {
      #expect(info[key]?.stringValue != nil, "language_info.\(key) missing")
    }
    #expect(h.transport.sent.allSatisfy { $0.parentMsgID == request.header.msgID })
  }

  @Test func completeCountsCodePoints() throws {
    let h = Harness()
    h.kernel.handle(makeRequest("complete_request", ["code": "é👍 pri", "cursor_pos": 6]), on: .shell)
    let reply = try #require(h.replies("complete_reply").first)
    #expect(reply.content["matches"] == ["print"])
    #expect(reply.content["cursor_start"] == 3 && reply.content["cursor_end"] == 6)
    #expect(reply.content["metadata"] == [:] && reply.content["status"] == "ok")
  }

  @Test func outOfRangeCursorIsClampedNotATrap() throws {
    let h = Harness()
    h.kernel.handle(makeRequest("complete_request", ["code": "pr", "cursor_pos": 99]), on: .shell)
    #expect(h.replies("complete_reply").first?.content["cursor_end"] == 2)
  }

  @Test func inspectFoundAndNotFound() throws {
    let h = Harness()
    h.kernel.handle(makeRequest("inspect_request", ["code": "print", "cursor_pos": 5]), on: .shell)
    h.kernel.handle(makeRequest("inspect_request", ["code": "zzz", "cursor_pos": 3]), on: .shell)
    let replies = h.replies("inspect_reply")
    #expect(replies[0].content["found"] == true && replies[0].content["data"]?["text/plain"] != nil)
    #expect(replies[1].content["found"] == false && replies[1].content["data"] == [:])
    #expect(replies[1].content["metadata"] == [:])
  }

  @Test func isCompleteStatuses() {
    let h = Harness()
    for code in ["print a", "print \\", ") x"] {
      h.kernel.handle(makeRequest("is_complete_request", ["code": .string(code)]), on: .shell)
    }
    let replies = h.replies("is_complete_reply").map(\.content)
    #expect(replies == [["status": "complete"], ["status": "incomplete", "indent": "  "], ["status": "invalid"]])
  }

  @Test func historyTailRangeSearchUnique() throws {
    let h = Harness()
    for code in ["value 1", "print x", "value 1", "value 2"] { h.execute(code) }
    func history(_ content: JSONValue) -> [JSONValue] {
      h.transport.clear()
      h.kernel.handle(makeRequest("history_request", content), on: .shell)
      return h.replies("history_reply").first?.content["history"]?.arrayValue ?? []
    }
    #expect(history(["hist_access_type": "tail", "n": 2]) == [[1, 3, "value 1"], [1, 4, "value 2"]])
    #expect(history(["hist_access_type": "tail", "n": 1, "output": true]) == [[1, 4, ["value 2", "2"]]])
    #expect(history(["hist_access_type": "range", "session": 0, "start": 2, "stop": 3]) == [[1, 2, "print x"]])
    #expect(history(["hist_access_type": "range", "session": 1, "start": 2]).count == 3)
    #expect(history(["hist_access_type": "search", "pattern": "value ?"]).count == 3)
    #expect(history(["hist_access_type": "search", "pattern": "value 1", "unique": true]) == [[1, 3, "value 1"]])
    #expect(history(["hist_access_type": "search", "pattern": "*", "n": 2]).count == 2)
    #expect(history(["hist_access_type": "search", "pattern": "v*1"]).count == 2)
  }

  @Test func commInfoAndUnknownCommOpenIsClosed() throws {
    let h = Harness()
    h.kernel.handle(makeRequest("comm_info_request", ["target_name": "jupyter.widget"]), on: .shell)
    #expect(h.replies("comm_info_reply").first?.content == ["status": "ok", "comms": [:]])
    h.transport.clear()
    let open = makeRequest("comm_open", ["comm_id": "c1", "target_name": "nope", "data": [:]])
    h.kernel.handle(open, on: .shell)
    #expect(h.transport.iopubSequence == ["status:busy", "comm_close", "status:idle"])
    #expect(h.replies("comm_close").first?.content == ["comm_id": "c1", "data": [:]])
    #expect(h.replies("comm_close").first?.parentMsgID == open.header.msgID)
  }

  @Test func unknownTypesGetBusyIdleAndNoReply() {
    let h = Harness()
    h.kernel.handle(makeRequest("frobnicate_request"), on: .shell)
    h.kernel.handle(makeRequest("execute_request", ["code": "value 1"]), on: .control)
    #expect(h.transport.iopubSequence == ["status:busy", "status:idle", "status:busy", "status:idle"])
    #expect(h.transport.sent.filter { $0.channel != .iopub }.isEmpty)
  }

  @Test func malformedContentGetsAnErrorReplyAndTheKernelGoesOn() throws {
    let h = Harness()
    h.kernel.handle(makeRequest("execute_request", ["silent": true]), on: .shell)
    let reply = try #require(h.replies("execute_reply").first)
    #expect(reply.content["status"] == "error" && reply.content["ename"] == "BadRequest")
    #expect(h.transport.iopubSequence == ["status:busy", "status:idle"])
    h.execute("value 1")
    #expect(h.replies("execute_reply").last?.content["status"] == "ok")
  }

  @Test func debugRequestIsAnsweredWithAnError() {
    let h = Harness()
    h.kernel.handle(makeRequest("debug_request", ["type": "request"]), on: .control)
    #expect(h.replies("debug_reply").first?.content["status"] == "error")
    #expect(h.replies("debug_reply").first?.channel == .control)
  }

  @Test(arguments: [true, false])
  func shutdownRepliesOnControlThenShutsDown(restart: Bool) throws {
    let h = Harness()
    h.kernel.handle(makeRequest("shutdown_request", ["restart": .bool(restart)]), on: .control)
    let reply = try #require(h.transport.sent.first { $0.msgType == "shutdown_reply" && $0.channel == .control })
    #expect(reply.content == ["status": "ok", "restart": .bool(restart)])
    #expect(h.transport.iopubSequence.last == "status:idle")
    #expect(h.transport.shutdowns == [restart])
  }
}

@Suite struct InterruptAndStdinTests {
  /// The cell runs on its own thread (not the cooperative pool, which a spinning cell could
  /// starve), and the interrupt is sent once the mock reports it is inside the cell.
  @Test func interruptRequestStopsARunningCellAndTheNextCellRuns() throws {
    let h = Harness()
    let kernel = h.kernel
    let done = DispatchSemaphore(value: 0)
    Thread {
      kernel.handle(makeRequest("execute_request", ["code": "wait"]), on: .shell)
      done.signal()
    }.start()
    let deadline = Date().addingTimeInterval(10)
    while !h.interpreter.isWaiting.load(ordering: .sequentiallyConsistent), Date() < deadline { usleep(1000) }
    kernel.handle(makeRequest("interrupt_request"), on: .control)
    try #require(done.wait(timeout: .now() + 10) == .success)
    #expect(h.replies("interrupt_reply").first?.content == ["status": "ok"])
    #expect(h.replies("interrupt_reply").first?.channel == .control)
    let reply = try #require(h.replies("execute_reply").first)
    #expect(reply.content["status"] == "error" && reply.content["ename"] == "Interrupted")
    h.execute("value 2")
    #expect(h.replies("execute_reply").last?.content["status"] == "ok")
  }

  @Test func interruptWhileIdleDoesNotKillTheNextCell() {
    let h2 = Harness()
    h2.kernel.interrupt()
    h2.transport.queueStdin([makeRequest("input_reply", ["value": "Ada"])])
    h2.execute("input name")
    #expect(h2.replies("execute_reply").last?.content["status"] == "ok", "a stale interrupt must be cleared")
  }

  @Test func inputRequestGoesToTheSameClientOnStdin() throws {
    let h = Harness()
    h.transport.queueStdin([makeRequest("input_reply", ["value": "Ada"])])
    let request = h.execute("input Your name: ")
    let ask = try #require(h.transport.sent.first { $0.channel == .stdin })
    #expect(ask.msgType == "input_request" && ask.identities == request.identities)
    #expect(ask.content == ["prompt": "Your name: ", "password": false])
    #expect(ask.parentMsgID == request.header.msgID)
    #expect(h.replies("stream").first?.content["text"] == "got Ada\n")
  }

  @Test func inputWithoutAllowStdinFailsClearly() throws {
    let h = Harness()
    h.execute("input x", ["allow_stdin": false])
    #expect(h.transport.sent.allSatisfy { $0.channel != .stdin })
    let reply = try #require(h.replies("execute_reply").first)
    #expect(reply.content["ename"] == "StdinNotImplementedError")
  }
}

@Suite struct MalformedCommTests {
  @Test func malformedCommOpenIsLoggedWithoutAReply() {
    let h = Harness()
    h.kernel.handle(makeRequest("comm_open", ["target_name": "x"]), on: .shell)
    #expect(h.transport.iopubSequence == ["status:busy", "status:idle"])
    #expect(h.transport.sent.allSatisfy { $0.channel == .iopub })
  }
}

@Suite struct PersistentHistoryTests {
  @Test func aRelaunchedKernelSeesThePreviousSessionInTailAndRange() throws {
    let dir = TemporaryDirectory()
    let first = Harness(history: .file(dir.historyFile))
    for code in ["value 1", "print x"] { first.execute(code) }
    let second = Harness(history: .file(dir.historyFile))
    second.execute("value 2")
    func history(_ content: JSONValue) -> [JSONValue] {
      second.transport.clear()
      second.kernel.handle(makeRequest("history_request", content), on: .shell)
      return second.replies("history_reply").first?.content["history"]?.arrayValue ?? []
    }
    #expect(
      history(["hist_access_type": "tail", "n": 10]) == [[1, 1, "value 1"], [1, 2, "print x"], [2, 1, "value 2"]])
    #expect(
      history(["hist_access_type": "range", "session": -1, "start": 1]) == [[1, 1, "value 1"], [1, 2, "print x"]])
    #expect(history(["hist_access_type": "range", "session": 0, "output": true]) == [[2, 1, ["value 2", "2"]]])
  }
}
