import Formula
import Language
import MathCore
import Optim
import Synchronization

/// Running a descent from a builtin call: argument checks, the compiled tape, the live
/// progress display (a `RunProgressValue`, which draws its own live figure), the last-run
/// store, and errors for interrupts.
extension DescentPack {
  /// Display ids of progress lines; unique per process so updates never hit another run's line.
  private static let progressCounter = Atomic<Int>(0)

  /// Runs `optimizer` on the `loss` argument from the `from` argument, with the run options.
  static func runDescent(_ args: BoundArguments, _ ev: any BuiltinContext, optimizer: Optimizer)
    throws -> Value
  {
    let (f, formula) = try CalculusInput.formula(args, loss)
    let start = try CalculusInput.point(args, from, f)
    let options = try descentOptions(args)
    let tape = FormulaTape(formula.root, dimension: start.count)
    let id = "saddle-run-\(progressCounter.add(1, ordering: .relaxed).newValue)"
    var shown = false
    let name = optimizer.name
    let written = optimizer.description(NumberFormat.plain)
    let probe = try sharpnessProbe(args, formula, steps: options.steps)
    let run = Minimizer.run(
      tape, from: start, optimizer: optimizer, options: options, cancellation: ev.cancellation, sharpness: probe
    ) { p in
      let progress = RunProgressValue(
        line: progressLine(name, p), optimizer: written, parameters: f.parameters, function: f, step: p.step,
        steps: p.steps, iterations: p.iterations, losses: p.losses, points: p.points)
      ev.output.display(.custom(progress), id: id, update: shown)
      shown = true
    }
    let hint = DivergenceHint.explain(
      run, start: start, hessian: { formula.secondOrder(at: $0).hessianMatrix }, format: NumberFormat.plain)
    let value = RunValue(run, start: start, hint: hint)
    LastRunStore.store(value, for: ev.cancellation)
    if shown {
      if case .interrupted = run.stop {
        // After an interrupt nothing may delay the reply: the live figure stays as it was.
      } else {
        let whole = RunProgressValue(
          finished: run, line: "\(name): " + RunText.status(run, hint: nil), optimizer: written, function: f,
          steps: options.steps)
        ev.output.display(.custom(whole), id: id, update: true)
      }
      ev.output.display(
        .text("\(name): " + RunText.status(run, hint: nil)), id: id, update: true)
    }
    if case .interrupted(let step) = run.stop {
      throw LanguageError(
        .interrupted,
        "interrupted at step \(step) of \(options.steps); the partial run is kept: r = last_run()",
        at: args.callRange)
    }
    return .custom(value)
  }

  /// "gd: step 120000/1000000 (12%)  loss 0.0123  ‖g‖ 0.004  3.1 s".
  private static func progressLine(_ name: String, _ p: MinimizeProgress) -> String {
    let f = NumberFormat.plain
    let percent = p.steps > 0 ? Int(100 * Double(p.step) / Double(p.steps)) : 100
    let seconds = (p.elapsed * 10).rounded() / 10
    return
      "\(name): step \(p.step)/\(p.steps) (\(percent)%)  loss \(f(p.loss))  ‖g‖ \(f(p.gradientNorm))  \(seconds) s"
  }

  /// The most λmax readings one run may take (`steps / sharpness_every`).
  static let maxSharpnessReadings = 1_000_000

  /// The λmax probe of `sharpness_every: k`: the largest eigenvalue of the formula's exact
  /// Hessian (forward mode over the formula, then LAPACK), nil when the option is omitted.
  private static func sharpnessProbe(_ args: BoundArguments, _ formula: Formula, steps: Int) throws
    -> SharpnessProbe?
  {
    guard args.has(sharpnessEvery) else { return nil }
    let every = args[sharpnessEvery]
    guard every >= 1, every <= Double(maxOptimSteps) else {
      throw args.error(
        sharpnessEvery,
        "sharpness_every must be between 1 and \(maxOptimSteps) (λmax is read every k steps), got \(NumberFormat.plain(every))"
      )
    }
    let k = Int(every)
    guard steps / k < maxSharpnessReadings else {
      throw args.error(
        sharpnessEvery,
        "sharpness_every: \(k) would read λmax \(steps / k + 1) times; at most \(maxSharpnessReadings), so take k ≥ \(steps / maxSharpnessReadings + 1)"
      )
    }
    return SharpnessProbe(every: k) { point in lambdaMax(formula.secondOrder(at: point).hessianMatrix) }
  }

  /// The largest eigenvalue of a symmetric Hessian; NaN when it is not finite.
  private static func lambdaMax(_ hessian: Matrix) -> Double {
    guard hessian.rows > 0, hessian.elements.allSatisfy(\.isFinite),
      let eigen = try? hessian.eigenDecomposition(order: .descending)
    else { return .nan }
    return eigen.values.elements.first ?? .nan
  }

  /// Reads and checks the run options: steps, tol, noise and seed.
  private static func descentOptions(_ args: BoundArguments) throws -> MinimizeOptions {
    let stepCount = args[steps]
    guard stepCount >= 0, stepCount <= Double(maxOptimSteps) else {
      throw args.error(steps, "steps must be between 0 and \(maxOptimSteps), got \(NumberFormat.plain(stepCount))")
    }
    let tolerance = args[tol]
    guard tolerance >= 0, tolerance.isFinite else {
      throw args.error(tol, "tol must be a finite number ≥ 0 (the ‖∇L‖ at which to stop)")
    }
    let sigma = args[noise]
    guard sigma >= 0, sigma.isFinite else {
      throw args.error(noise, "noise must be a finite number ≥ 0 (the σ of the gradient noise)")
    }
    let seedValue = args[seed]
    guard seedValue >= 0 else { throw args.error(seed, "seed must be a whole number ≥ 0") }
    return MinimizeOptions(steps: Int(stepCount), tolerance: tolerance, noise: sigma, seed: UInt64(seedValue))
  }
}
