import Autodiff
import Language
import MathCore

/// Records (plain and HTML tables through the record display) that explain calculus
/// results the way the lecture does.
enum CalculusReport {
  static func list(_ values: [Double]) -> String {
    values.map(NumberFormat.plain).joined(separator: ", ")
  }

  /// Prose as text wrapped at 88 columns, so it reads well in the plain table and in the
  /// HTML table's `<pre>` cell alike.
  static func prose(_ text: String, width: Int = 88) -> Value {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if !line.isEmpty, line.count + 1 + word.count > width {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty { lines.append(line) }
    return .text(lines.joined(separator: "\n"))
  }

  static func vectorText(_ values: [Double]) -> String { "[" + list(values) + "]" }

  /// Eigenvalues largest first, the order of the `eig` builtin and of the lecture
  /// (λ₁ = 2, λ₂ = −2); the analysis itself keeps them ascending.
  static func displayed(_ values: [Double]) -> [Double] { values.reversed() }

  /// The eigenvector columns in the order of `displayed`.
  static func displayed(_ vectors: Matrix) -> Matrix {
    var out = vectors
    for i in 0..<vectors.rows {
      for j in 0..<vectors.columns { out[i, j] = vectors[i, vectors.columns - 1 - j] }
    }
    return out
  }

  /// The classify record: verdict, g, ‖g‖, H, eigen-decomposition, and the reasoning.
  static func classification(_ a: PointAnalysis, _ f: UserFunction, probe: HigherOrderProbe? = nil)
    -> Record
  {
    var fields: [Record.Field] = [
      .init("classification", .string(a.kind.rawValue)),
      .init("point", .vector(Vector(a.point))),
      .init("loss", .number(a.value)),
      .init("gradient", .vector(Vector(a.gradient))),
      .init("gradient_norm", .number(a.gradientNorm)),
      .init("hessian", .matrix(a.hessian)),
      .init("eigenvalues", .vector(Vector(displayed(a.eigenvalues)))),
      .init("eigenvectors", .matrix(displayed(a.eigenvectors))),
    ]
    if a.kind != .notCritical { fields.append(.init("min_ratio", .number(a.minimumRatio))) }
    if a.kind == .saddle, let u = a.escapeDirection {
      fields.append(.init("escape_direction", .vector(Vector(u))))
    }
    var why = explanation(a, f)
    if let probe {
      fields.append(.init("higher_order", .string(probe.verdict.rawValue)))
      why += " " + probeSentence(probe, f)
    }
    fields.append(.init("explanation", prose(why)))
    return Record(typeName: "classification of \(f.name) at \(vectorText(a.point))", fields: fields)
  }

  /// One paragraph: the verdict and why, in the lecture's terms.
  static func explanation(_ a: PointAnalysis, _ f: UserFunction) -> String {
    if a.kind == .notCritical {
      return """
        Not a critical point: the gradient is not zero (‖g‖ = \(NumberFormat.plain(a.gradientNorm))). A critical point \
        is where ∇\(f.name) = 0 (a local minimum, a local maximum or a saddle point); here \(f.name) still decreases \
        along −g, so gradient descent would keep moving.
        """
    }
    let values = list(displayed(a.eigenvalues))
    let reasoning = """
      At a critical point \(f.name)(θ) ≈ \(f.name)(θ′) + ½ vᵀHv with v = θ − θ′, and vᵀHv = Σ λᵢ(uᵢᵀv)² over \
      the eigenvectors uᵢ of H, so the signs of the eigenvalues decide.
      """
    switch a.kind {
    case .localMinimum:
      return
        "Local minimum: all eigenvalues are positive (\(values)), so vᵀHv > 0 for every v ≠ 0 and \(f.name) rises in every direction. "
        + reasoning
    case .localMaximum:
      return
        "Local maximum: all eigenvalues are negative (\(values)), so vᵀHv < 0 for every v ≠ 0 and \(f.name) falls in every direction. "
        + reasoning
    case .saddle:
      let u = a.escapeDirection.map(vectorText) ?? "?"
      return """
        Saddle point: the eigenvalues have both signs (\(values)), so vᵀHv > 0 along some directions and < 0 along \
        others: \(f.name) rises one way and falls another. \(reasoning) Escape along the eigenvector u = \(u) of \
        λ = \(NumberFormat.plain(a.eigenvalues[0])): \(f.name)(θ′ + ηu) ≈ \(f.name)(θ′) + ½λη² < \(f.name)(θ′).
        """
    default:
      return """
        Degenerate: \(a.zeroCount == 1 ? "an eigenvalue is" : "\(a.zeroCount) eigenvalues are") zero (eigenvalues \(values)), \
        so along \(a.zeroCount == 1 ? "its eigenvector" : "their eigenvectors") vᵀHv = 0 and the quadratic model says nothing about how \(f.name) changes there: \
        the second-order test is inconclusive, and higher-order terms decide whether this is a minimum, a \
        maximum or a saddle. \(reasoning)
        """
    }
  }

  /// What probing the flat directions showed, in one sentence.
  static func probeSentence(_ p: HigherOrderProbe, _ f: UserFunction) -> String {
    let seen = """
      Probing \(f.name)(θ′ ± t·u) − \(f.name)(θ′) along the zero-eigenvalue eigenvectors u (t up to 0.1): \
      largest fall \(NumberFormat.plain(p.largestDecrease)), largest rise \(NumberFormat.plain(p.largestIncrease)), so
      """
    switch p.verdict {
    case .saddle:
      return seen
        + " \(f.name) both rises and falls nearby: a degenerate saddle, neither a minimum nor a maximum."
    case .consistentWithMinimum:
      return seen
        + " \(f.name) never falls below its value here: consistent with a minimum (a probe, not a proof)."
    case .consistentWithMaximum:
      return seen
        + " \(f.name) never rises above its value here: consistent with a maximum (a probe, not a proof)."
    case .flat:
      return seen
        + " \(f.name) is flat to rounding along those directions; only higher-order analysis can decide."
    }
  }

  /// The critical-points record: an aligned table plus points, losses and classifications as members.
  static func criticalPoints(_ s: CriticalPointSearch, _ f: UserFunction, _ box: [(Double, Double)])
    -> Record
  {
    typealias Row = (analysis: PointAnalysis, label: String)
    var rows: [Row] = s.points.map { ($0, $0.kind.rawValue) }
    rows += s.families.map { ($0.representative, "degenerate (non-isolated: \($0.count) found)") }
    rows.sort { $0.analysis.value < $1.analysis.value }
    let n = f.parameters.count
    let header = ["#"] + f.parameters + ["loss", "classification", "eigenvalues"]
    let body = rows.enumerated().map { k, row in
      ["\(k + 1)"] + row.analysis.point.map(NumberFormat.plain)
        + [
          NumberFormat.plain(row.analysis.value), row.label,
          list(displayed(row.analysis.eigenvalues)),
        ]
    }
    let points = Matrix(rows: rows.count, columns: n, elements: rows.flatMap { $0.analysis.point })
    return Record(
      typeName: "critical points of \(f.signature)",
      fields: [
        .init("table", .text(table([header] + body))),
        .init("points", .matrix(points)),
        .init("losses", .vector(Vector(rows.map { $0.analysis.value }))),
        .init("classifications", .tuple(rows.map { .string($0.analysis.kind.rawValue) })),
        .init("count", .number(Double(rows.count))),
        .init("explanation", prose(searchExplanation(s, f, box))),
      ])
  }

  private static func searchExplanation(
    _ s: CriticalPointSearch, _ f: UserFunction, _ box: [(Double, Double)]
  ) -> String {
    let region = zip(f.parameters, box).map {
      "\($0) ∈ [\(NumberFormat.plain($1.0)), \(NumberFormat.plain($1.1))]"
    }
    .joined(separator: ", ")
    var text = """
      Damped Newton on ∇\(f.name) = 0 from \(s.starts) evenly spread starts in \(region) found \(s.points.count) \
      isolated critical point\(s.points.count == 1 ? "" : "s"), sorted by loss; each is classified by the signs of \
      its Hessian's eigenvalues (largest first).
      """
    for family in s.families {
      let extent = zip(f.parameters, family.extent).map {
        "\($0) from \(NumberFormat.plain($1.0)) to \(NumberFormat.plain($1.1))"
      }
      .joined(separator: ", ")
      text += """
         Non-isolated set: \(family.count) distinct critical points with \(f.name) = \
        \(NumberFormat.plain(family.representative.value)) and a zero Hessian eigenvalue (\(extent)): a curve or \
        surface of critical points such as a valley of minima, shown once; the second-order test is inconclusive on it.
        """
    }
    return text
  }

  /// Left-aligned columns separated by two spaces, with a rule under the header.
  static func table(_ rows: [[String]]) -> String {
    let columns = rows.map(\.count).max() ?? 0
    let widths = (0..<columns).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { c, cell in
        cell + String(repeating: " ", count: widths[c] - cell.count)
      }
      .joined(separator: "  ").replacingTrailingSpaces()
    }
    var out = [
      line(rows[0]), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "),
    ]
    out += rows.dropFirst().map(line)
    return out.joined(separator: "\n")
  }

  /// Why there is nothing to escape along.
  static func noEscape(_ a: PointAnalysis, _ f: UserFunction) -> String {
    let kind =
      a.kind == .notCritical
      ? ""
      : a.kind == .degenerate
        ? " (this point is degenerate)" : " (this point is a \(a.kind.rawValue))"
    return """
      No escape direction: the Hessian has no negative eigenvalue at \(vectorText(a.point)) (eigenvalues \
      \(list(displayed(a.eigenvalues))))\(kind), so vᵀHv ≥ 0 for every v and no direction makes the quadratic \
      model of \(f.name) decrease. Escaping along an eigenvector works only at a saddle point.
      """
  }

  /// The escape record: where it went, the loss before and after, and why.
  static func escape(_ e: SaddleEscape, _ f: UserFunction) -> Record {
    let a = e.analysis
    var fields: [Record.Field] = [
      .init("from", .vector(Vector(a.point))),
      .init("classification", .string(a.kind.rawValue)),
      .init("eigenvalues", .vector(Vector(displayed(a.eigenvalues)))),
    ]
    guard let u = e.direction, let lambda = e.eigenvalue else {
      fields += [.init("loss", .number(a.value)), .init("explanation", prose(noEscape(a, f)))]
      return Record(typeName: "escape from \(vectorText(a.point))", fields: fields)
    }
    fields += [
      .init("eigenvalue", .number(lambda)),
      .init("direction", .vector(Vector(u))),
      .init("step", .number(e.step)),
      .init("to", .vector(Vector(e.destination))),
      .init("loss_before", .number(e.lossBefore)),
      .init("loss_after", .number(e.lossAfter)),
      .init("predicted_loss", .number(e.predictedLoss ?? .nan)),
    ]
    let note =
      a.kind == .notCritical
      ? " Note: this is not a critical point (‖g‖ = \(NumberFormat.plain(a.gradientNorm))); the prediction includes the gradient term."
      : ""
    fields.append(
      .init(
        "explanation",
        prose(
          """
          Moved \(NumberFormat.plain(e.step)) along the unit eigenvector u = \(vectorText(u)) of the most negative \
          eigenvalue λ = \(NumberFormat.plain(lambda)): \(f.name)(θ′ + ηu) ≈ \(f.name)(θ′) + ½λη², so the loss goes \
          from \(NumberFormat.plain(e.lossBefore)) to \(NumberFormat.plain(e.lossAfter)) (quadratic model: \
          \(NumberFormat.plain(e.predictedLoss ?? .nan))).\(note)
          """)))
    return Record(typeName: "escape from \(vectorText(a.point))", fields: fields)
  }
}

extension String {
  fileprivate func replacingTrailingSpaces() -> String {
    var s = self
    while s.last == " " { s.removeLast() }
    return s
  }
}
