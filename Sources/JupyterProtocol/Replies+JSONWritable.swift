/// Hand-written JSON for the contents every execute sends (execute_input, stream,
/// execute_result/display_data, execute_reply), with the same keys as their CodingKeys.
/// Optional members are omitted when nil, as `JSONEncoder` does.

extension ExecuteInput: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in
      w.key("code")
      w.string(code)
      w.key("execution_count")
      w.int(executionCount)
    }
  }
}

extension StreamContent: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in
      w.key("name")
      w.string(name)
      w.key("text")
      w.string(text)
    }
  }
}

extension DisplayContent: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in
      w.key("data")
      w.stringKeyed(data) { w, s in w.string(s) }
      w.key("metadata")
      w.stringKeyed(metadata) { w, v in w.value(v) }
      if let transient {
        w.key("transient")
        w.stringKeyed(transient) { w, s in w.string(s) }
      }
      if let executionCount {
        w.key("execution_count")
        w.int(executionCount)
      }
    }
  }
}

extension ExecuteOkReply: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in
      w.key("status")
      w.string(status)
      w.key("execution_count")
      w.int(executionCount)
      w.key("payload")
      w.value(.array(payload))
      w.key("user_expressions")
      w.stringKeyed(userExpressions) { w, v in w.value(v) }
    }
  }
}
