import Foundation

/// The exact values in GroundTruth/formulas.json (computed with sympy at 60 digits).
struct GroundTruth: Decodable {
  struct Exact<T: Decodable>: Decodable { let float: T }
  struct Point: Decodable {
    let point: Exact<[Double]>
    let value: Exact<Double>
    let gradient: Exact<[Double]>?
    let hessian: Exact<[[Double]]>?
    let eigenvalues: Exact<[Double]>?
    let eigenvectors: Exact<[[Double]]>?
    let classification: String
    let n_positive: Int?
    let n_negative: Int?
    let n_zero: Int?
    let min_ratio: Double?
    let index: Int?
    let classification_higher_order: String?
  }
  struct Function: Decodable {
    let name: String
    let expr: String
    let vars: [String]
    let gradient_expr: [String]?
    let hessian_expr: [[String]]?
    let derivative_expr: String?
    let second_derivative_expr: String?
    let critical_points: [Point]
    let n_critical_points: Int?
  }
  let functions: [Function]

  static func load() throws -> GroundTruth {
    guard let url = Bundle.module.url(forResource: "GroundTruth/formulas", withExtension: "json")
    else {
      throw TestFailure("GroundTruth/formulas.json is missing from the test bundle")
    }
    return try JSONDecoder().decode(GroundTruth.self, from: Data(contentsOf: url))
  }

  func function(_ name: String) throws -> Function {
    guard let f = functions.first(where: { $0.name == name }) else {
      throw TestFailure("no function \(name)")
    }
    return f
  }
}
