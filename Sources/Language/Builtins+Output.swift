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
    (args[printItems].map { [$0] } ?? []) + args.rest
  }

  /// The parameters of the output builtins, each declared once and read by key.
  static let printItems = ParameterKey.parameter(
    BuiltinParameter(label: nil, name: "items", kind: .any, variadic: true))
  static let shown = ParameterKey.positional("value", .any)
  static let displayID = ParameterKey.labelled("id", .string).optional()
  static let update = ParameterKey.parameter(.labelled("update", .bool, default: .bool(false)))
  static let wait = ParameterKey.parameter(.labelled("wait", .bool, default: .bool(false)))
  static let seconds = ParameterKey.positional("seconds", .number)
  static let prompt = ParameterKey.positional("prompt", .string).optional()
  static let password = ParameterKey.parameter(.labelled("password", .bool, default: .bool(false)))
  static let topic = ParameterKey.positional("topic", .any).optional()

  static let outputEntries: [Builtin] = [
    Builtin(
      "print", [printItems.parameter],
      returns: "nothing",
      summary: "Writes the items, separated by spaces, and a line break to standard output.",
      example: "print(\"hello, world\")\nprint(\"x =\", 3)"
    ) { args, ev in
      ev.output.write(printed(allItems(args)), error: false)
      return .none
    },
    Builtin(
      "eprint", [printItems.parameter],
      returns: "nothing",
      summary: "Like print, but writes to standard error.", example: "eprint(\"oops\")"
    ) { args, ev in
      ev.output.write(printed(allItems(args)), error: true)
      return .none
    },
    Builtin(
      "display",
      [shown.parameter, displayID.parameter, update.parameter],
      returns: "nothing",
      summary:
        "Shows a value now, in the middle of a cell. With id, a later display(…, id:, update: true) replaces it.",
      example: "display([1, 2])\ndisplay(1, id: \"d1\")\ndisplay(2, id: \"d1\", update: true)"
    ) { args, ev in
      let id = args[displayID] == nil ? nil : args.string(displayID)
      if args.bool(update), id == nil { throw args.error(update, "update: true needs an id") }
      ev.output.display(args[shown]!, id: id, update: args.bool(update))
      return .none
    },
    Builtin(
      "clear_output", [wait.parameter], returns: "nothing",
      summary:
        "Clears the cell's output; with wait: true, only when new output arrives (no flicker).",
      example: "print(1)\nclear_output()\nprint(2)"
    ) { args, ev in
      ev.output.clearOutput(wait: args.bool(wait))
      return .none
    },
    Builtin(
      "sleep", [seconds.parameter], returns: "nothing",
      summary: "Waits the given number of seconds; the stop button interrupts it at once.",
      example: "sleep(0.1)"
    ) { args, ev in
      let time = args.number(seconds)
      guard time.isFinite else {
        throw args.error(seconds, "sleep needs a finite time in seconds, got \(NumberFormat.plain(time))")
      }
      guard time >= 0 else {
        throw args.error(seconds, "sleep needs a non-negative number of seconds, got \(NumberFormat.plain(time))")
      }
      let deadline = Date().addingTimeInterval(time)
      while Date() < deadline {
        try ev.checkCancellation()
        Thread.sleep(forTimeInterval: min(0.005, max(0, deadline.timeIntervalSinceNow)))
      }
      try ev.checkCancellation()
      return .none
    },
    Builtin(
      "input",
      [prompt.parameter, password.parameter],
      returns: "string", summary: "Asks the user for a line of text and returns it.",
      example: "name = input(\"Your name: \")"
    ) { args, ev in
      .string(
        try ev.output.readInput(
          prompt: args[prompt] == nil ? "" : args.string(prompt), password: args.bool(password)))
    },
  ]

  static let sessionEntries: [Builtin] = [
    Builtin(
      "help", [topic.parameter], returns: "text",
      summary:
        "Without an argument: lists every builtin. help(name): its signature, summary and example. ?name shows the same in the pager.",
      example: "help(linspace)", callableBare: true
    ) { args, ev in
      guard let value = args[topic] else { return .text(Help.overview(ev.builtins)) }
      if case .string(let name) = value {
        return .text(try Help.text(for: name, value: try ev.lookup(name, args.range(topic))))
      }
      return .text(try Help.text(for: nil, value: value))
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
