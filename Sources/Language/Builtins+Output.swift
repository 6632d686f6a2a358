import Formula
import Foundation
import MathCore

/// Printing, displaying, input, sleeping, help and the variable list.
extension BuiltinTable {
  /// How `print` shows a value: strings without quotes, everything else as its text/plain.
  static func printed(_ values: [Value]) -> String {
    values.map { if case .string(let s) = $0 { return s } else { return $0.plainText } }.joined(
      separator: " ") + "\n"
  }

  static func allItems(_ args: BoundArguments) -> [Value] {
    (args.value(0).map { [$0] } ?? []) + args.rest
  }

  static let outputEntries: [Builtin] = [
    Builtin(
      "print", [BuiltinParameter(label: nil, name: "items", kind: .any, variadic: true)],
      returns: "nothing",
      summary: "Writes the items, separated by spaces, and a line break to standard output.",
      example: "print(\"hello, world\")\nprint(\"x =\", 3)"
    ) { args, ev in
      ev.output.write(printed(allItems(args)), error: false)
      return .none
    },
    Builtin(
      "eprint", [BuiltinParameter(label: nil, name: "items", kind: .any, variadic: true)],
      returns: "nothing",
      summary: "Like print, but writes to standard error.", example: "eprint(\"oops\")"
    ) { args, ev in
      ev.output.write(printed(allItems(args)), error: true)
      return .none
    },
    Builtin(
      "display",
      [
        .positional("value", .any), .labelled("id", .string, optional: true),
        .labelled("update", .bool, default: .bool(false)),
      ],
      returns: "nothing",
      summary:
        "Shows a value now, in the middle of a cell. With id, a later display(…, id:, update: true) replaces it.",
      example: "display([1, 2])\ndisplay(1, id: \"d1\")\ndisplay(2, id: \"d1\", update: true)"
    ) { args, ev in
      let id = args.value(1) == nil ? nil : args.string(1)
      if args.bool(2), id == nil { throw args.error(2, "update: true needs an id") }
      ev.output.display(args.value(0)!, id: id, update: args.bool(2))
      return .none
    },
    Builtin(
      "clear_output", [.labelled("wait", .bool, default: .bool(false))], returns: "nothing",
      summary:
        "Clears the cell's output; with wait: true, only when new output arrives (no flicker).",
      example: "print(1)\nclear_output()\nprint(2)"
    ) { args, ev in
      ev.output.clearOutput(wait: args.bool(0))
      return .none
    },
    Builtin(
      "sleep", [.positional("seconds", .number)], returns: "nothing",
      summary: "Waits the given number of seconds; the stop button interrupts it at once.",
      example: "sleep(0.1)"
    ) { args, ev in
      let seconds = args.number(0)
      guard seconds.isFinite else {
        throw args.error(0, "sleep needs a finite time in seconds, got \(NumberFormat.plain(seconds))")
      }
      guard seconds >= 0 else {
        throw args.error(0, "sleep needs a non-negative number of seconds, got \(NumberFormat.plain(seconds))")
      }
      let deadline = Date().addingTimeInterval(seconds)
      while Date() < deadline {
        try ev.checkCancellation()
        Thread.sleep(forTimeInterval: min(0.005, max(0, deadline.timeIntervalSinceNow)))
      }
      try ev.checkCancellation()
      return .none
    },
    Builtin(
      "input",
      [
        .positional("prompt", .string, optional: true),
        .labelled("password", .bool, default: .bool(false)),
      ],
      returns: "string", summary: "Asks the user for a line of text and returns it.",
      example: "name = input(\"Your name: \")"
    ) { args, ev in
      .string(
        try ev.output.readInput(
          prompt: args.value(0) == nil ? "" : args.string(0), password: args.bool(1)))
    },
  ]

  static let sessionEntries: [Builtin] = [
    Builtin(
      "help", [.positional("topic", .any, optional: true)], returns: "text",
      summary:
        "Without an argument: lists every builtin. help(name): its signature, summary and example. ?name shows the same in the pager.",
      example: "help(linspace)", callableBare: true
    ) { args, ev in
      guard let topic = args.value(0) else { return .text(Help.overview(ev.builtins)) }
      if case .string(let name) = topic {
        return .text(try Help.text(for: name, value: try ev.lookup(name, args.range(0))))
      }
      return .text(try Help.text(for: nil, value: topic))
    },
    Builtin(
      "vars", [], returns: "variables record",
      summary: "Lists the variables and functions defined in this session, with their values.",
      example: "x = 1\nvars",
      callableBare: true
    ) { _, ev in
      .record(Record(typeName: "variables", fields: ev.variables.map { Record.Field($0.0, $0.1) }))
    },
  ]
}

/// Help texts shared by `help`, `?name` and inspection.
public enum Help {
  /// Help for a value found under `name`.
  public static func text(for name: String?, value: Value) throws -> String {
    switch value {
    case .builtin(let b): return b.helpText
    case .function(let f):
      let kind = f.formula == nil ? "function" : "formula"
      return
        "\(f.plainText)\n\nA \(kind) of \(f.parameters.count) parameter\(f.parameters.count == 1 ? "" : "s") defined in this session."
    default:
      let head = name.map { "\($0): " } ?? ""
      return "\(head)\(value.described)\n\n\(value.plainText)"
    }
  }

  /// The list of all builtins with their summaries.
  public static func overview(_ table: BuiltinTable = .shared) -> String {
    let width = (table.names.map(\.count).max() ?? 0) + 2
    let lines = table.entries.map {
      "  " + $0.name + String(repeating: " ", count: width - $0.name.count) + $0.summary
    }
    return (["Builtins (help(name) or ?name for details; vars lists your variables):"] + lines)
      .joined(separator: "\n")
  }
}
