import MathCore
import Testing

@testable import NeuralNet

/// The Hessian assembled from the layer structure against the Hessian from blocks of exact
/// Hessian-vector products (R-operator), which share no curvature code: every smooth
/// activation, both losses, bias on and off, depths 1–4 (so the Jacobian chain between
/// non-adjacent layers runs), and data split into several chunks of rows.
@Suite struct HessianAssemblyTests {
  private func problem(
    _ sizes: [Int], _ activation: Activation, _ loss: LossKind, bias: Bool, rows n: Int, seed: UInt64
  )
    throws -> (MLP, Dataset)
  {
    var rng = SeededGenerator(seed: seed)
    let classes = sizes[sizes.count - 1]
    let x = Matrix(rows: n, columns: sizes[0], elements: (0..<(n * sizes[0])).map { _ in rng.nextNormal() })
    let regression = loss == .meanSquaredError && classes == 1
    let y = (0..<n).map { i in regression ? rng.nextNormal() : Double(i % classes) }
    let data = try Dataset.make(features: x, targets: Vector(y), kind: regression ? .regression : .classes)
    let net = try MLP(layerSizes: sizes, activation: activation, loss: loss, bias: bias, seed: seed)
    return (try net.with(parameters: net.parameters.map { _ in 0.7 * rng.nextNormal() }), data)
  }

  private func relativeError(_ a: [Double], _ b: [Double]) -> Double {
    let diff = zip(a, b).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
    return diff / max(b.map { $0 * $0 }.reduce(0, +).squareRoot(), 1e-300)
  }

  @Test(arguments: Activation.allCases.filter(\.isSmooth))
  func assembledHessianMatchesHessianVectorProducts(_ activation: Activation) throws {
    let shapes: [([Int], LossKind)] = [
      ([3, 2], .meanSquaredError), ([2, 5, 1], .meanSquaredError), ([3, 4, 3, 3], .crossEntropy),
      ([2, 4, 3, 5, 1], .meanSquaredError), ([3, 5, 4, 2, 3], .crossEntropy), ([2, 3, 4, 2], .meanSquaredError),
    ]
    for (sizes, loss) in shapes {
      for bias in [true, false] {
        let (net, data) = try problem(sizes, activation, loss, bias: bias, rows: 7, seed: 3)
        let assembled = try net.hessian(on: data)
        let products = try net.hessianByProducts(on: data)
        let label = "\(activation) \(sizes) \(loss) bias \(bias)"
        #expect(relativeError(assembled.elements, products.elements) < 1e-12, "\(label)")
        let p = net.parameterCount
        for i in 0..<p { for j in 0..<i { #expect(assembled[i, j] == assembled[j, i], "\(label)") } }
      }
    }
  }

  /// Several chunks of rows: their shares add up to the one-chunk Hessian and to the
  /// products' Hessian.
  @Test func chunkedRowsAddUp() throws {
    let (net, data) = try problem([4, 6, 5, 3], .tanh, .crossEntropy, bias: true, rows: 50, seed: 8)
    let chunked = try net.hessian(on: data, cancellation: nil, chunkRows: 7)
    let whole = try net.hessian(on: data)
    #expect(relativeError(chunked.elements, whole.elements) < 1e-13)
    #expect(relativeError(chunked.elements, try net.hessianByProducts(on: data).elements) < 1e-12)
  }
}
