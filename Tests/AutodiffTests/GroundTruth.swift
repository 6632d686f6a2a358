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
    let nPositive: Int?
    let nNegative: Int?
    let nZero: Int?
    let minRatio: Double?
    let index: Int?
    let classificationHigherOrder: String?
  }
  struct Function: Decodable {
    let name: String
    let expr: String
    let vars: [String]
    let gradientExpr: [String]?
    let hessianExpr: [[String]]?
    let derivativeExpr: String?
    let secondDerivativeExpr: String?
    let criticalPoints: [Point]
    let nCriticalPoints: Int?
  }
  let functions: [Function]

  static func load() throws -> GroundTruth {
    guard let url = Bundle.module.url(forResource: "GroundTruth/formulas", withExtension: "json")
    else {
      throw TestFailure("GroundTruth/formulas.json is missing from the test bundle")
    }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase  // the file's keys are sympy's snake_case
    return try decoder.decode(GroundTruth.self, from: Data(contentsOf: url))
  }

  func function(_ name: String) throws -> Function {
    guard let f = functions.first(where: { $0.name == name }) else {
      throw TestFailure("no function \(name)")
    }
    return f
  }
}
