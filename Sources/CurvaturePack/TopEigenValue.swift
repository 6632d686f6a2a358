import Language
import MathCore

/// What `top_eigen` returns: Lanczos's eigenpairs in the order asked for, with residuals
/// ‖Hy − λy‖ (each λ is within its residual of a true eigenvalue) and the work done.
public struct TopEigenValue: SummarizedValue {
  public let result: LanczosEigenResult
  /// "all 82 parameters" or "layer 2 (34 parameters)".
  public let scope: String

  public var typeName: String { "eigenpairs" }

  public var heading: String {
    let status = result.stop == .converged ? "converged" : "not converged (\(result.stop))"
    return
      "\(result.pairs.count) \(result.selection.rawValue) eigenvalues of the Hessian over \(scope), by Lanczos: \(status), \(result.operatorApplications) HVPs"
  }

  public var memberNames: [String] {
    ["values", "residuals", "converged", "which", "hvps", "restarts", "vectors"]
  }
  public var unlistedMembers: Set<String> { ["vectors"] }

  public func member(_ name: String) -> Value? {
    let pairs = result.pairs
    switch name {
    case "values": return .vector(Vector(pairs.map(\.value)))
    case "residuals": return .vector(Vector(pairs.map(\.residual)))
    case "converged": return .bool(pairs.allSatisfy(\.converged) && result.stop == .converged)
    case "which": return .string(result.selection.rawValue)
    case "hvps": return .number(Double(result.operatorApplications))
    case "restarts": return .number(Double(result.restarts))
    case "vectors":
      let p = pairs.first?.vector.count ?? 0
      return .matrix(Matrix(rows: pairs.count, columns: p, elements: pairs.flatMap(\.vector)))
    default: return nil
    }
  }
}

/// What `trace` returns: Hutchinson's estimate of tr H with its standard error.
public struct TraceValue: SummarizedValue {
  public let estimate: TraceEstimate
  public let scope: String

  public var typeName: String { "trace estimate" }

  public var heading: String {
    let f = { NumberFormat.short($0) }
    return
      "tr H ≈ \(f(estimate.estimate)) ± \(f(estimate.standardError)) over \(scope) (Hutchinson, \(estimate.samples) Rademacher samples = HVPs)"
  }

  public var memberNames: [String] { ["estimate", "standard_error", "samples"] }
  public var unlistedMembers: Set<String> { [] }

  public func member(_ name: String) -> Value? {
    switch name {
    case "estimate": return .number(estimate.estimate)
    case "standard_error": return .number(estimate.standardError)
    case "samples": return .number(Double(estimate.samples))
    default: return nil
    }
  }
}
