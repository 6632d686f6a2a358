// swift-tools-version: 6.1
import PackageDescription

/// Saddle: a Jupyter kernel for exploring loss landscapes.
/// Targets and their allowed imports are described in docs/architecture.md (and each
/// target's README); arrows point down: C shims → protocol/math/raster → formula/optim →
/// language → builtin packs → session → executable.
let package = Package(
  name: "Saddle",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "saddle", targets: ["saddle"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
  ],
  targets: [
    // C libraries from Debian packages.
    .systemLibrary(name: "CZeroMQ", pkgConfig: "libzmq", providers: [.apt(["libzmq3-dev"])]),
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .systemLibrary(
      name: "CLapack", pkgConfig: "lapacke", providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),

    // Jupyter: wire protocol, kernel state machine, sockets.
    .target(name: "ZeroMQ", dependencies: ["CZeroMQ"], exclude: ["README.md"]),
    .target(
      name: "JupyterProtocol",
      dependencies: [.product(name: "Crypto", package: "swift-crypto")],
      exclude: ["README.md"]),
    .target(name: "JupyterKernel", dependencies: ["JupyterProtocol"], exclude: ["README.md"]),
    .target(
      name: "JupyterServer", dependencies: ["JupyterKernel", "JupyterProtocol", "ZeroMQ", "CZeroMQ"],
      exclude: ["README.md"]),

    // Mathematics, drawing, language.
    .target(name: "MathCore", dependencies: ["CLapack"], exclude: ["README.md"]),
    .target(
      name: "Raster", dependencies: ["CZlib"], exclude: ["README.md"],
      resources: [.copy("Resources/DejaVuSans.ttf"), .copy("Resources/LICENSE-DejaVu.txt")]),
    .target(name: "Plot", dependencies: ["Raster"], exclude: ["README.md"]),
    .target(name: "Autodiff", dependencies: ["MathCore"], exclude: ["README.md"]),
    .target(name: "Formula", dependencies: ["MathCore", "Autodiff"], exclude: ["README.md"]),
    .target(name: "Optim", dependencies: ["MathCore", "Autodiff"], exclude: ["README.md"]),
    .target(
      name: "NeuralNet", dependencies: ["MathCore", "Autodiff", "Optim", "CLapack", "CZlib"],
      exclude: ["README.md"]),
    .target(name: "Language", dependencies: ["MathCore", "Autodiff", "Formula"], exclude: ["README.md"]),

    // Builtin packs: one target per domain above Language (its builtins and the typed values
    // they return, which draw themselves). A pack may import lower packs.
    .target(
      name: "CalculusPack", dependencies: ["Language", "Formula", "Autodiff", "MathCore"],
      exclude: ["README.md"]),
    .target(
      name: "PlotPack", dependencies: ["Language", "Formula", "Autodiff", "MathCore", "Plot", "Raster"],
      exclude: ["README.md"]),
    .target(
      name: "DescentPack", dependencies: ["Language", "Formula", "MathCore", "Optim", "Plot", "PlotPack"],
      exclude: ["README.md"]),
    .target(
      name: "NetworksPack",
      dependencies: ["Language", "NeuralNet", "MathCore", "Optim", "Plot", "PlotPack", "DescentPack"],
      exclude: ["README.md"]),
    .target(
      name: "CurvaturePack",
      dependencies: [
        "Language", "NeuralNet", "MathCore", "Optim", "Plot", "PlotPack", "DescentPack", "NetworksPack",
      ],
      exclude: ["README.md"]),
    .target(
      name: "StudiesPack",
      dependencies: [
        "Language", "NeuralNet", "MathCore", "Optim", "Plot", "PlotPack", "DescentPack", "NetworksPack",
      ],
      exclude: ["README.md"]),

    // The session assembles the packs into one table and is the kernel's interpreter.
    .target(
      name: "Session",
      dependencies: [
        "Language", "MathCore", "CalculusPack", "DescentPack", "PlotPack", "NetworksPack", "CurvaturePack",
        "StudiesPack",
        "JupyterKernel", "JupyterProtocol",
      ],
      exclude: ["README.md"]),

    // The command-line tool: kernel, install, run, repl.
    .executableTarget(
      name: "saddle",
      dependencies: [
        "Session", "JupyterKernel", "JupyterProtocol", "JupyterServer", "Plot",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ], exclude: ["README.md"]),

    // What the benchmarks share: timing (Swift here; timing.py and run-with-peers.sh beside it).
    .target(name: "BenchSupport", path: "Benchmarks/support", exclude: ["timing.py", "run-with-peers.sh"]),

    // Benchmark of the compiled formula path against numpy (Benchmarks/language/run.sh).
    .executableTarget(
      name: "LanguageBenchmark", dependencies: ["Language", "Formula", "MathCore", "BenchSupport"],
      path: "Benchmarks/language",
      exclude: ["run.sh", "numpy_bench.py", "README.md"]),

    // Benchmark of exact Hessians and critical-point search against jax and torch (Benchmarks/calculus/run.sh).
    .executableTarget(
      name: "CalculusBenchmark",
      dependencies: ["Language", "CalculusPack", "Formula", "Autodiff", "MathCore", "BenchSupport"],
      path: "Benchmarks/calculus",
      exclude: ["run.sh", "peers.py", "instructions.sh", "README.md"]),

    // Benchmark of 10,000-step gd and momentum against numpy, torch and jax (Benchmarks/optim/run.sh).
    .executableTarget(
      name: "OptimBenchmark", dependencies: ["Language", "DescentPack", "Optim", "BenchSupport"],
      path: "Benchmarks/optim",
      exclude: ["run.sh", "peers.py", "README.md"]),

    // The 3000×3000 product on dgemm against the former triple loop and numpy, and stop latencies (Benchmarks/linalg/run.sh).
    .executableTarget(
      name: "LinalgBenchmark", dependencies: ["MathCore", "BenchSupport"], path: "Benchmarks/linalg",
      exclude: ["run.sh", "README.md"]),
    // Fashion-MNIST MLP training against numpy and torch (Benchmarks/nets/run.sh).
    .executableTarget(
      name: "NetsBenchmark", dependencies: ["NeuralNet", "MathCore", "Optim", "CLapack", "BenchSupport"],
      path: "Benchmarks/nets", exclude: ["run.sh", "peers.py", "README.md"]),

    // critical_study, full Hessian and Lanczos timings against torch/jax/numpy (Benchmarks/curvature/run.sh).
    .executableTarget(
      name: "CurvatureBenchmark", dependencies: ["NeuralNet", "MathCore", "Optim"],
      path: "Benchmarks/curvature", exclude: ["run.sh", "peers.py", "README.md"]),

    // The lecture's batch-size study on Fashion-MNIST (batch_study's table, measured here).
    .executableTarget(
      name: "StudiesBenchmark", dependencies: ["NeuralNet", "MathCore", "Optim"], path: "Benchmarks/studies",
      exclude: ["run.sh", "README.md"]),

    // Reference figures against matplotlib (Benchmarks/plots/run.sh).
    .executableTarget(
      name: "PlotBenchmark", dependencies: ["Plot", "Raster", "MathCore", "BenchSupport"], path: "Benchmarks/plots",
      exclude: ["run.sh", "mpl_bench.py", "README.md", "compare.html", "png", "cells.saddle"]),

    // Test-only helpers: in-memory transport, PNG decoding, image comparison, a cheap objective.
    .target(
      name: "_TestSupport",
      dependencies: ["JupyterKernel", "JupyterProtocol", "CZlib", "Raster", "Autodiff", "Formula"],
      exclude: ["README.md"]),
    // Test-only helpers of the language's and the packs' tests: recording host, cell runner, the corpus format.
    .target(name: "_LanguageTestSupport", dependencies: ["Language", "_TestSupport"], exclude: ["README.md"]),

    .testTarget(name: "MathCoreTests", dependencies: ["MathCore"]),
    .testTarget(
      name: "AutodiffTests", dependencies: ["Autodiff", "MathCore", "Formula", "_TestSupport"],
      resources: [.copy("GroundTruth")]),
    // The language alone: no pack, so a cell's behaviour here is the language's own.
    .testTarget(name: "LanguageTests", dependencies: ["Language", "Formula", "MathCore", "_LanguageTestSupport"]),
    // The packs' builtins through the language, the annotated cell corpus and the docs page.
    .testTarget(
      name: "PackTests",
      dependencies: [
        "Language", "Formula", "MathCore", "Autodiff", "Optim", "NeuralNet", "Plot", "CalculusPack", "DescentPack",
        "NetworksPack", "CurvaturePack", "StudiesPack", "PlotPack", "_LanguageTestSupport", "_TestSupport",
      ],
      resources: [.copy("Corpus")]),
    .testTarget(name: "OptimTests", dependencies: ["Optim", "Autodiff", "Formula", "MathCore", "_TestSupport"]),
    .testTarget(
      name: "SessionTests",
      dependencies: [
        "Session", "Language", "MathCore", "Plot", "PlotPack", "DescentPack", "NetworksPack", "CurvaturePack",
        "JupyterProtocol", "_TestSupport",
      ]),
    .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet", "Optim", "Autodiff", "MathCore"]),
    .testTarget(name: "JupyterProtocolTests", dependencies: ["JupyterProtocol"]),
    .testTarget(
      name: "JupyterKernelTests", dependencies: ["JupyterKernel", "JupyterProtocol", "_TestSupport"]),
    .testTarget(name: "RasterTests", dependencies: ["Raster", "_TestSupport"], exclude: ["Golden", "Fixtures"]),
    .testTarget(
      name: "PlotTests", dependencies: ["Plot", "Raster", "_TestSupport"], exclude: ["Golden"],
      resources: [.copy("Fixtures")]),
  ],
  swiftLanguageModes: [.v6]
)

// libFuzzer targets (scripts/fuzz): declared only with SADDLE_FUZZ=1 (libFuzzer supplies
// `main`, so a normal build would not link them); scripts/fuzz builds them in release, in
// their own directory, with every Swift module instrumented (`-Xswiftc -sanitize=fuzzer,address`)
// and Raster compiled for testing (FuzzFont reaches its glyph decoder through @testable);
// FuzzSupport holds the hand-over to libFuzzer's driver that every target's main.swift calls.
if Context.environment["SADDLE_FUZZ"] == "1" {
  let fuzzTargets: [(String, [Target.Dependency])] = [
    ("FuzzWire", ["JupyterProtocol"]), ("FuzzParser", ["Language"]), ("FuzzPNG", ["_TestSupport"]),
    ("FuzzFont", ["Raster"]),
  ]
  package.targets.append(.target(name: "FuzzSupport", path: "Fuzz/FuzzSupport"))
  for (name, dependencies) in fuzzTargets {
    package.targets.append(
      .executableTarget(
        name: name, dependencies: dependencies + ["FuzzSupport"], path: "Fuzz/\(name)",
        resources: name == "FuzzFont" ? [.copy("seed.ttf")] : nil,
        linkerSettings: [.unsafeFlags(["-use-ld=lld"])]))
  }
  for target in package.targets where target.name == "Raster" {
    target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-enable-testing"])]
  }
}

// The numeric targets are optimized in debug builds too: `scripts/test` runs the lecture
// notebooks (network training, Hessians, the studies) on the debug binary, where unspecialized
// generic code is two orders of magnitude slower than in release. Tests still reach their
// internals (SwiftPM's debug builds pass -enable-testing).
let optimizedInDebug: Set<String> = ["MathCore", "Autodiff", "Formula", "Optim", "NeuralNet", "Raster", "Plot"]
for target in package.targets where optimizedInDebug.contains(target.name) {
  target.swiftSettings =
    (target.swiftSettings ?? []) + [.unsafeFlags(["-O"], .when(configuration: .debug))]
}
