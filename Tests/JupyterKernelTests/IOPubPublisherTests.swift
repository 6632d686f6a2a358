import Foundation
import JupyterProtocol
import Testing
import _TestSupport

@testable import JupyterKernel

@Suite struct IOPubPublisherTests {
  let parent = Data(#"{"msg_id":"p"}"#.utf8)

  @Test func tickPublishesOnlyTextThatHasWaitedTheInterval() {
    let transport = InMemoryTransport()
    let slow = IOPubPublisher(transport: transport, flushInterval: .seconds(3600))
    slow.stream(.stdout, "a", parent: parent)
    slow.tick()
    #expect(transport.sent.isEmpty, "fresh text stays buffered")
    slow.flush()
    #expect(transport.sent.map(\.content) == [["name": "stdout", "text": "a"]])

    let eager = IOPubPublisher(transport: transport, flushInterval: .zero)
    transport.clear()
    eager.stream(.stderr, "b", parent: parent)
    eager.tick()
    #expect(transport.sent.map(\.content) == [["name": "stderr", "text": "b"]])
  }

  @Test func anyOtherMessageFlushesBufferedTextFirstAndParentsStaySeparate() {
    let transport = InMemoryTransport()
    let iopub = IOPubPublisher(transport: transport, flushInterval: .seconds(3600))
    let other = Data(#"{"msg_id":"q"}"#.utf8)
    iopub.stream(.stdout, "1", parent: parent)
    iopub.stream(.stdout, "2", parent: parent)
    iopub.stream(.stdout, "3", parent: other)
    iopub.publish("clear_output", ClearOutputContent(wait: false), parent: other)
    #expect(transport.sent.map(\.msgType) == ["stream", "stream", "clear_output"])
    #expect(transport.sent.map(\.parentMsgID) == ["p", "q", "q"])
    #expect(transport.sent[0].content["text"] == "12")
  }
}
