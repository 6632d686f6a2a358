/// Free names of blocks and closures: the names used that the block does not bind itself.
///
/// A name is bound by a block when it is assigned, defined, destructured or used as a loop
/// variable anywhere in it (one scope per function, as in Python), or is a parameter of the
/// closure or `func`. Formula functions capture the rest when they are defined.
extension FreeNames {
  static func collect(_ block: Block) -> [(String, SourceRange)] {
    var used: [(String, SourceRange)] = []
    var bound: Set<String> = []
    for line in block.statements { visit(line.statement, &used, &bound) }
    return used.filter { !bound.contains($0.0) }
  }

  static func collect(_ closure: ClosureLiteral) -> [(String, SourceRange)] {
    collect(closure.body).filter { !closure.parameters.contains($0.0) }
  }

  private static func visit(
    _ s: Statement, _ used: inout [(String, SourceRange)], _ bound: inout Set<String>
  ) {
    switch s {
    case .expression(let e): used += collect(e)
    case .assign(let name, _, let e):
      bound.insert(name)
      used += collect(e)
    case .define(let name, _, let parameters, let body, _):
      bound.insert(name)
      used += collect(body).filter { !parameters.contains($0.0) }
    case .destructure(let names, let e):
      bound.formUnion(names.map(\.0))
      used += collect(e)
    case .help(let name, let range): used.append((name, range))
    case .control(let c): visit(c, &used, &bound)
    }
  }

  private static func visit(
    _ c: ControlStatement, _ used: inout [(String, SourceRange)], _ bound: inout Set<String>
  ) {
    switch c {
    case .forLoop(let variable, _, let sequence, let body, _):
      bound.insert(variable)
      used += collect(sequence)
      for line in body.statements { visit(line.statement, &used, &bound) }
    case .whileLoop(let condition, let body, _):
      used += collect(condition)
      for line in body.statements { visit(line.statement, &used, &bound) }
    case .breakLoop, .continueLoop: break
    case .returnValue(let e, _): if let e { used += collect(e) }
    case .function(let f):
      bound.insert(f.name)
      used += collect(f.body).filter { !f.parameters.contains($0.0) }
    }
  }
}
