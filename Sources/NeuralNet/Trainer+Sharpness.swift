import Dispatch
import MathCore

/// λmax of the loss's Hessian at one moment of training (`fit(…, sharpness_every: k)`).
public struct SharpnessSample: Sendable, Equatable {
  /// Updates taken when it was measured (0: before training).
  public let update: Int
  public let value: Double
  /// Lanczos's residual ‖Hy − λy‖ (a bound on the value's error).
  public let residual: Double
}

/// Measures λmax during a fit on a fixed subset of the training data, at the trainer's
/// current parameters (converted exactly to `Float64`), by Lanczos with a relative
/// tolerance of 1e-8 and a fixed seed, so a run's readings are reproducible.
struct SharpnessProbe {
  let every: Int
  let data: Dataset
  let model: MLP

  func measure(_ parameters: [Double], update: Int) -> SharpnessSample? {
    guard let net = try? model.with(parameters: parameters),
      let s = try? net.sharpness(on: data, options: LanczosOptions(tolerance: 1e-8, checkMultiplicity: false))
    else { return nil }
    return SharpnessSample(update: update, value: s.value, residual: s.residual)
  }
}

extension Trainer {
  /// Records λmax when `updates` is a multiple of the probe's interval; returns the seconds
  /// it took (left out of the training time).
  func recordSharpnessIfDue() -> Double {
    guard let probe, updates % probe.every == 0 else { return 0 }
    let begin = DispatchTime.now().uptimeNanoseconds
    if let sample = probe.measure(theta.map { Double($0) }, update: updates) { sharpness.append(sample) }
    return Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9
  }
}
