import Foundation
import JupyterKernel
import JupyterProtocol
import Testing
import _TestSupport

/// A kernel wired to an in-memory transport and the scripted mock interpreter.
struct Harness {
  let transport = InMemoryTransport()
  let interpreter = MockInterpreter()
  let kernel: Kernel

  /// `clock` replaces the wall clock (the system's by default).
  init(history: HistoryLocation = .memory, clock: TestClock? = nil) {
    var wallClock = Kernel.now
    if let clock { wallClock = { clock.seconds } }
    kernel = Kernel(
      interpreter: interpreter, transport: transport, implementationVersion: "0.1.0", wallClock: wallClock,
      history: history)
  }

  /// Executes `code` on shell and returns the request.
  @discardableResult
  func execute(_ code: String, _ extra: [String: JSONValue] = [:]) -> IncomingMessage {
    var content: [String: JSONValue] = ["code": .string(code)]
    content.merge(extra) { _, new in new }
    let request = makeRequest("execute_request", .object(content))
    kernel.handle(request, on: .shell)
    return request
  }

  func replies(_ type: String) -> [InMemoryTransport.Sent] { transport.sent.filter { $0.msgType == type } }
}

@Suite struct ExecuteTests {
  @Test func successfulCellPublishesTheFullSequenceWithParents() throws {
    let h = Harness()
    let request = h.execute("print hi\nvalue 6")
    #expect(h.transport.iopubSequence == ["status:busy", "execute_input", "stream", "execute_result", "status:idle"])
    for message in h.transport.sent {
      #expect(message.parentMsgID == request.header.msgID, "\(message.msgType) lacks the request as parent")
    }
    let reply = try #require(h.replies("execute_reply").first)
    #expect(reply.channel == .shell && reply.identities == request.identities)
    #expect(reply.content["status"] == "ok" && reply.content["execution_count"] == 1)
    #expect(reply.content["payload"] == [] && reply.content["user_expressions"] == [:])
    let result = try #require(h.replies("execute_result").first)
    #expect(result.content["execution_count"] == 1)
    #expect(result.content["data"]?["text/plain"] == "6" && result.content["metadata"] == [:])
    #expect(h.replies("stream").first?.content == ["name": "stdout", "text": "hi\n"])
    #expect(
      h.transport.sent.map(\.completesRequest) == h.transport.sent.indices.map { $0 == h.transport.sent.count - 1 },
      "only the final idle completes the request")
    let sentTypes = h.transport.sent.map(\.msgType)
    #expect(
      sentTypes.firstIndex(of: "execute_reply")! < sentTypes.lastIndex(of: "status")!, "idle comes after the reply")
  }

  @Test func countingRulesForSilentAndStoreHistory() {
    let h = Harness()
    h.execute("value 1")
    h.execute("value 2", ["silent": true])
    h.execute("value 3", ["store_history": false])
    h.execute("value 4")
    let counts = h.replies("execute_reply").map { $0.content["execution_count"]?.intValue }
    #expect(counts == [1, 1, 1, 2])
    let inputs = h.replies("execute_input").map { $0.content["execution_count"]?.intValue }
    #expect(inputs == [1, 1, 2])
  }

  @Test func silentCellPublishesOnlyBusyAndIdle() {
    let h = Harness()
    h.execute("print hidden\nvalue 5\ndisplay x", ["silent": true])
    #expect(h.transport.iopubSequence == ["status:busy", "status:idle"])
  }

  @Test func errorPublishesErrorAndReplyWithCountAndNoStream() throws {
    let h = Harness()
    h.execute("fail NameError")
    #expect(h.transport.iopubSequence == ["status:busy", "execute_input", "error", "status:idle"])
    let error = try #require(h.replies("error").first)
    #expect(error.content["ename"] == "NameError" && error.content["traceback"]?.arrayValue?.count == 3)
    let reply = try #require(h.replies("execute_reply").first)
    #expect(reply.content["status"] == "error" && reply.content["execution_count"] == 1)
    #expect(reply.content["ename"] == "NameError" && reply.content["evalue"] == "failed on purpose")
  }

  @Test func errorAbortsQueuedExecutesButNotOtherRequests() throws {
    let h = Harness()
    let queuedA = makeRequest("execute_request", ["code": "print a"])
    let info = makeRequest("kernel_info_request")
    let queuedB = makeRequest("execute_request", ["code": "print b"])
    h.transport.queueShell([queuedA, info, queuedB])
    let failing = h.execute("fail Boom")
    #expect(h.interpreter.executed == ["fail Boom"])
    #expect(h.transport.drainCount == 1, "the queue is drained once, without waiting")
    let replies = h.transport.sent.filter { $0.channel == .shell }
    #expect(replies.map(\.msgType) == ["execute_reply", "execute_reply", "kernel_info_reply", "execute_reply"])
    #expect(replies.map { $0.content["status"]?.stringValue } == ["error", "aborted", "ok", "aborted"])
    #expect(replies[1].content["execution_count"] == nil, "abort replies carry no count")
    #expect(replies[1].parentMsgID == queuedA.header.msgID && replies[3].parentMsgID == queuedB.header.msgID)
    // The aborts happen inside the failing request's busy window, as in ipykernel.
    #expect(
      h.transport.iopubSequence == [
        "status:busy", "execute_input", "error", "status:busy", "status:idle", "status:busy", "status:idle",
        "status:busy", "status:idle", "status:idle",
      ])
    let lastIOPub = h.transport.sent.last { $0.channel == .iopub }
    #expect(lastIOPub?.parentMsgID == failing.header.msgID, "the failing request's idle comes last")
    h.execute("value 7")
    #expect(h.replies("execute_reply").last?.content["execution_count"] == 2, "aborted cells are not counted")
  }

  /// Regression (issue 11): after an error the kernel waited 20 ms for requests in flight,
  /// making the error path ~50× slower than success. Now a request is recognised as in flight
  /// by its header date when it arrives, with no wait.
  @Test func executesSentBeforeAFailedCellsIdleAreAbortedWhenTheyArrive() throws {
    let clock = TestClock(ISODate.seconds("2026-12-02T10:00:00Z")!)
    let h = Harness(clock: clock)
    h.execute("fail Boom")  // its idle goes out at 10:00:00.000
    #expect(h.transport.drainCount == 1)
    clock.seconds += 0.004
    let arrive = { (code: String, date: String?) -> String? in
      h.transport.clear()
      h.kernel.handle(makeRequest("execute_request", ["code": .string(code)], date: date), on: .shell)
      #expect(h.transport.iopubSequence.first == "status:busy" && h.transport.iopubSequence.last == "status:idle")
      return h.replies("execute_reply").first?.content["status"]?.stringValue
    }
    // Sent 1 ms before the idle, arriving 4 ms after it: a "Run All" straggler.
    #expect(arrive("value in flight", "2026-12-02T09:59:59.999Z") == "aborted")
    #expect(h.transport.iopubSequence == ["status:busy", "status:idle"], "an aborted cell does not run")
    // Sent after the idle, or with no date to tell: run.
    #expect(arrive("value after", "2026-12-02T10:00:00.002Z") == "ok")
    #expect(arrive("value undated", nil) == "ok")
    #expect(arrive("value unreadable", "yesterday") == "ok")
    // Dated before the idle but over a second on the way: the client's clock disagrees with ours.
    #expect(arrive("value skewed", "2026-12-02T09:59:58Z") == "ok")
    // Other requests are never aborted.
    h.transport.clear()
    h.kernel.handle(makeRequest("kernel_info_request", date: "2026-12-02T09:59:59.999Z"), on: .shell)
    #expect(h.replies("kernel_info_reply").count == 1)
    // Once the in-flight limit (1 s) has passed since the idle, nothing is aborted.
    clock.seconds += 1
    #expect(arrive("value late", "2026-12-02T09:59:59.999Z") == "ok")
    #expect(
      h.interpreter.executed == [
        "fail Boom", "value after", "value undated", "value unreadable", "value skewed", "value late",
      ])
  }

  @Test func stopOnErrorFalseAndSilentErrorsKeepTheQueue() {
    let h = Harness()
    h.transport.queueShell([makeRequest("execute_request", ["code": "print a"])])
    h.execute("fail Boom", ["stop_on_error": false])
    h.execute("fail Boom", ["silent": true])
    #expect(h.replies("execute_reply").count == 2)
    #expect(h.transport.takeShellQueue().count == 1, "the queued request is still waiting")
    #expect(h.transport.drainCount == 0, "no abort, so no drain")
  }

  @Test func userExpressionsGetPerKeyResults() throws {
    let h = Harness()
    h.execute("value 1", ["user_expressions": ["good": "value 42", "bad": "nonsense"]])
    let reply = try #require(h.replies("execute_reply").first)
    let expressions = try #require(reply.content["user_expressions"])
    #expect(expressions["good"]?["status"] == "ok" && expressions["good"]?["data"]?["text/plain"] == "42")
    #expect(expressions["bad"]?["status"] == "error" && expressions["bad"]?["ename"] == "SyntaxError")
  }

  @Test func displayUpdateClearAndPage() throws {
    let h = Harness()
    h.execute("display a d1\ndisplay b d1 update\nclear wait\npage helptext")
    #expect(
      h.transport.iopubSequence == [
        "status:busy", "execute_input", "display_data", "update_display_data", "clear_output", "status:idle",
      ])
    #expect(h.replies("display_data").first?.content["transient"] == ["display_id": "d1"])
    #expect(h.replies("update_display_data").first?.content["transient"] == ["display_id": "d1"])
    #expect(h.replies("clear_output").first?.content == ["wait": true])
    let payload = try #require(h.replies("execute_reply").first?.content["payload"]?.arrayValue)
    #expect(payload == [["source": "page", "data": ["text/plain": "helptext"], "start": 0]])
  }
}

@Suite struct StreamTests {
  @Test func chattyLoopIsCoalescedIntoFewMessagesInOrder() throws {
    let h = Harness()
    h.execute("spam 5000\neprint done\nprint after")
    let streams = h.replies("stream")
    #expect(streams.count <= 10, "5000 writes became \(streams.count) messages")
    let stdout = streams.filter { $0.content["name"] == "stdout" }.compactMap { $0.content["text"]?.stringValue }
      .joined()
    #expect(stdout == (0..<5000).map { "\($0)\n" }.joined() + "after\n")
    #expect(streams.map { $0.content["name"]?.stringValue } == ["stdout", "stderr", "stdout"])
  }
}

/// A wall clock that tests move by hand (seconds since 1970).
final class TestClock: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Double

  init(_ seconds: Double) { value = seconds }

  var seconds: Double {
    get { lock.withLock { value } }
    set { lock.withLock { value = newValue } }
  }
}
