import Language
import MathCore
import NetworksPack
import NeuralNet

/// `hvp` and `min_ratio`: one exact Hessian-vector product, and the signs of the full spectrum.
extension CurvaturePack {
  static let direction = ParameterKey.positional("v", .vector)
  static let zeroBand = ParameterKey.number("tol").optional()

  static let hessianEntries: [Builtin] = [
    Builtin(
      "hvp", [net.parameter, data.parameter, direction.parameter], returns: "vector",
      summary: """
        H·v, the exact Hessian of the network's mean loss on the data times v (Pearlmutter's R-operator, \\
        Float64, no finite differences): about three gradients of work, memory a few copies of the activations.
        """,
      example: "net = mlp(2, 3, 2, activation: \"tanh\", seed: 0)\nhvp(net, xor(n: 20), 0 * net.parameters + 1)"
    ) { args, _ in
      let (model, d) = try networkAndData(args)
      let v = args.vector(direction).elements
      guard v.count == model.parameterCount else {
        throw args.error(
          direction, "v has \(v.count) entries but the network has \(model.parameterCount) parameters", kind: .shape)
      }
      if let bad = v.firstIndex(where: { !$0.isFinite }) {
        throw args.error(direction, "entry \(bad) of v is \(NumberFormat.plain(v[bad])); it must be finite")
      }
      return .vector(Vector(try NetworksPack.mapped(args) { try model.hessianVectorProduct(v, on: d) }))
    },
    Builtin(
      "min_ratio", [net.parameter, data.parameter, zeroBand.parameter], returns: "minimum ratio",
      summary: """
        The lecture's minimum ratio at the network's parameters: the exact Hessian's eigenvalues (LAPACK) counted \\
        positive, negative and zero (|λ| ≤ tol; default 1e-8·max|λ|, the rounding level), and positive / P. \\
        Needs the full Hessian: P ≤ 10,000 (P/64 batched R-passes and 8·P² bytes).
        """,
      example:
        "r = min_ratio(mlp(2, 3, 2, activation: \"tanh\", seed: 0), xor(n: 20))\nr.positive + r.negative + r.zero"
    ) { args, ev in try minimumRatio(args, ev.cancellation) },
  ]

  private static func minimumRatio(_ args: BoundArguments, _ cancellation: CancellationFlag) throws -> Value {
    let (model, d) = try networkAndData(args)
    let given = args.has(zeroBand) ? try tolerance(args, zeroBand, name: "tol") : nil
    let h = try NetworksPack.mapped(args) { try model.hessian(on: d, cancellation: cancellation) }
    let values = try spectral(args) {
      try DenseLinearAlgebra.symmetricEigen(h.elements, n: h.rows, cancellation: cancellation).values
    }
    let largest = values.map(abs).max() ?? 0
    let band = given ?? max(1e-8 * largest, Double.leastNormalMagnitude)
    let counts = try spectral(args) { try EigenvalueCounts(values: values, tolerance: band) }
    return .custom(MinimumRatioValue(counts: counts, eigenvalues: values, defaultBand: given == nil))
  }
}
