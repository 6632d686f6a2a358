// swift-tools-version: 6.1
import PackageDescription

/// Micro-benchmark of the Raster module (fill, stroke, text, PNG encode), built in release
/// mode on its own so the main package keeps no benchmark target. `Sources/Raster` and
/// `Sources/CZlib` are symlinks to the real module sources.
let package = Package(
  name: "RasterBench",
  targets: [
    .systemLibrary(name: "CZlib", pkgConfig: "zlib"),
    .target(
      name: "Raster", dependencies: ["CZlib"], exclude: ["README.md"],
      resources: [.copy("Resources/DejaVuSans.ttf"), .copy("Resources/LICENSE-DejaVu.txt")]),
    .executableTarget(name: "RasterBench", dependencies: ["Raster"]),
  ],
  swiftLanguageModes: [.v6]
)
