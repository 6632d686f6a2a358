import Language
import MathCore
import NetworksPack
import NeuralNet

/// `top_eigen`, `spectrum` and `trace`: algorithms over the Hessian as an operator (only
/// Hessian-vector products), for any P, on the whole network or one layer's block.
extension CurvaturePack {
  static let k = ParameterKey.integer("k", default: 5)
  static let which = ParameterKey.labelled("which", .string).optional()
  static let probes = ParameterKey.integer("probes", default: 10)
  static let steps = ParameterKey.integer("steps", default: 80)
  static let exact = ParameterKey.labelled("exact", .bool).optional()
  static let samples = ParameterKey.integer("samples", default: 100)
  /// Largest P for which `spectrum` overlays the exact eigenvalues unless told otherwise.
  static let exactOverlayLimit = 1_000
  /// The most memory a Lanczos basis may take (m vectors of P doubles, kept for the full
  /// reorthogonalisation): 4 GB, a sixth of this machine's memory.
  static let basisMemoryLimit = 4_000_000_000

  /// Throws at `key` when a basis of `vectors` vectors of length `dimension` would pass
  /// `basisMemoryLimit` (asking for k = 50,000 of P = 100,000 would want 80 GB).
  static func checkBasis(_ args: BoundArguments, _ key: ParameterKey<Double>, vectors: Int, dimension: Int) throws {
    let bytes = Double(vectors) * Double(dimension) * 8
    guard bytes <= Double(basisMemoryLimit) else {
      throw args.error(
        key,
        "a Lanczos basis of \(vectors) vectors of \(dimension) parameters would take \(Int(bytes / 1e6)) MB "
          + "(limit \(basisMemoryLimit / 1_000_000) MB); ask for fewer")
    }
  }

  static let spectralEntries: [Builtin] = [
    Builtin(
      "top_eigen", [net.parameter, data.parameter, k.parameter, which.parameter, layer.parameter, seed.parameter],
      returns: "eigenpairs",
      summary: """
        The k extreme eigenpairs of the network's loss Hessian by Lanczos with full reorthogonalisation (no \\
        ghost eigenvalues, repeated ones found): which: "largest" (default), "smallest" or "magnitude"; \\
        layer: l for layer l's block (W_l, b_l). Only Hessian-vector products: about 100 HVPs per run and \\
        a basis of max(100, 3k) vectors of length P (P = 101,770: 81 MB); residuals ≤ 1e-10·‖H‖.
        """,
      example: "e = top_eigen(mlp(2, 3, 2, activation: \"tanh\", seed: 0), xor(n: 20), k: 2)\nlen(e.values)"
    ) { args, ev in try topEigen(args, ev.cancellation) },
    Builtin(
      "spectrum",
      [
        net.parameter, data.parameter, layer.parameter, probes.parameter, steps.parameter, exact.parameter,
        seed.parameter,
      ],
      returns: "spectral density",
      summary: """
        The Hessian's eigenvalue density by stochastic Lanczos quadrature (PyHessian's density; probes: 10 \\
        Rademacher vectors, steps: 80 Lanczos steps each, Gaussian smoothing 1% of the spread), drawn on a log \\
        axis; the exact eigenvalue histogram is overlaid when P ≤ 1,000 (exact: true/false to force). Cost: \\
        probes × steps HVPs, memory steps vectors of length P.
        """,
      example: "s = spectrum(mlp(2, 3, 2, activation: \"tanh\", seed: 0), xor(n: 20), probes: 2, steps: 10)\ns.probes"
    ) { args, ev in try spectrumValue(args, ev.cancellation) },
    Builtin(
      "trace", [net.parameter, data.parameter, layer.parameter, samples.parameter, seed.parameter],
      returns: "trace estimate",
      summary: """
        tr H by Hutchinson's estimator with Rademacher vectors (PyHessian's trace), with its standard error \\
        (spread of the samples / √samples); samples: 100 HVPs, done 10 at a time as matrix products.
        """,
      example: "t = trace(mlp(2, 3, 2, activation: \"tanh\", seed: 0), xor(n: 20), samples: 20)\nt.samples"
    ) { args, ev in try traceValue(args, ev.cancellation) },
  ]

  private static func topEigen(_ args: BoundArguments, _ cancellation: CancellationFlag) throws -> Value {
    let (model, d) = try networkAndData(args)
    let op = try hessianOperator(args, model, d)
    let count = try NetworksPack.count(
      args, k, in: 1...op.dimension, what: "k (eigenpairs of \(op.dimension) parameters)")
    try checkBasis(args, k, vectors: min(op.dimension, max(100, 3 * count)), dimension: op.dimension)
    let selection = try choice(args, which, default: EigenSelection.largest)
    let options = LanczosOptions(seed: try seedValue(args))
    let result = try spectral(args) {
      try Lanczos.eigenpairs(
        of: op, count: count, selection: selection, options: options, cancellation: cancellation)
    }
    if result.stop == .cancelled { throw LanguageError(.interrupted, "interrupted", at: args.callRange) }
    return .custom(TopEigenValue(result: result, scope: scope(args, dimension: op.dimension)))
  }

  private static func spectrumValue(_ args: BoundArguments, _ cancellation: CancellationFlag) throws -> Value {
    let (model, d) = try networkAndData(args)
    let op = try hessianOperator(args, model, d)
    var options = SpectralDensityOptions()
    options.probes = try NetworksPack.count(args, probes, in: 1...10_000, what: "probes")
    options.steps = try NetworksPack.count(args, steps, in: 1...10_000, what: "steps")
    try checkBasis(args, steps, vectors: min(options.steps, op.dimension), dimension: op.dimension)
    options.seed = try seedValue(args)
    let density = try spectral(args) {
      try StochasticLanczosQuadrature.density(of: op, options: options, cancellation: cancellation)
    }
    if density.cancelled { throw LanguageError(.interrupted, "interrupted", at: args.callRange) }
    let wantsExact: Bool
    if case .bool(let b)? = args[exact] {
      wantsExact = b
    } else {
      wantsExact = model.parameterCount <= exactOverlayLimit
    }
    let exactValues = wantsExact ? try exactEigenvalues(args, model, d, cancellation) : nil
    return .custom(
      SpectrumValue(
        density: density, exact: exactValues, scope: scope(args, dimension: op.dimension),
        products: density.nodes.map(\.count).reduce(0, +)))
  }

  /// The exact eigenvalues of the Hessian or of the layer's block (from the full Hessian).
  private static func exactEigenvalues(
    _ args: BoundArguments, _ model: MLP, _ d: Dataset, _ cancellation: CancellationFlag
  ) throws -> [Double] {
    let h = try NetworksPack.mapped(args) { try model.hessian(on: d, cancellation: cancellation) }
    var block = h.elements
    var n = h.rows
    if args.has(layer) {
      let range = try NetworksPack.mapped(args) {
        try NetworkHessian(model, data: d).parameterRange(layer: Int(args[layer]))
      }
      n = range.count
      block = range.flatMap { i in range.map { j in h.elements[i * h.rows + j] } }
    }
    return try spectral(args) { try DenseLinearAlgebra.symmetricEigen(block, n: n, cancellation: cancellation).values }
  }

  private static func traceValue(_ args: BoundArguments, _ cancellation: CancellationFlag) throws -> Value {
    let (model, d) = try networkAndData(args)
    let op = try hessianOperator(args, model, d)
    let n = try NetworksPack.count(args, samples, in: 1...1_000_000, what: "samples")
    let estimate = try spectral(args) {
      try HutchinsonTrace.estimate(of: op, samples: n, seed: try seedValue(args), cancellation: cancellation)
    }
    if estimate.cancelled { throw LanguageError(.interrupted, "interrupted", at: args.callRange) }
    return .custom(TraceValue(estimate: estimate, scope: scope(args, dimension: op.dimension)))
  }
}
