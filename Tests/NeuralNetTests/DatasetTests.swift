import Foundation
import MathCore
import Testing

@testable import NeuralNet

@Suite struct SyntheticDatasetTests {
  private func options(_ n: Int, noise: Double = 0.1, labelNoise: Double = 0, seed: UInt64 = 1) -> SyntheticOptions {
    SyntheticOptions(count: n, noise: noise, labelNoise: labelNoise, seed: seed)
  }

  @Test func setsAreReproducibleBySeedAndChangeWithIt() throws {
    let makers: [(SyntheticOptions) throws -> Dataset] = [
      { try .twoMoons($0) }, { try .spirals($0, classes: 3) }, { try .blobs($0, classes: 4) }, { try .xor($0) },
      { try .curve($0, range: -3...3) { sin($0) + cos($0 * $0 / 10) } },
    ]
    for make in makers {
      let a = try make(options(101, seed: 7))
      let b = try make(options(101, seed: 7))
      let c = try make(options(101, seed: 8))
      let same = a.features(as: Double.self) == b.features(as: Double.self) && a.targets == b.targets
      let differs = a.features(as: Double.self) != c.features(as: Double.self) || a.targets != c.targets
      #expect(same && differs, "\(a.name)")
      #expect(a.count == 101)
    }
  }

  @Test func noiselessGeometryIsExact() throws {
    let moons = try Dataset.twoMoons(options(10, noise: 0))
    let x = moons.features(as: Double.self)
    guard case .classes(let labels, 2) = moons.targets else {
      Issue.record("two_moons has two classes")
      return
    }
    for i in 0..<10 {
      let (u, v) = (x[2 * i], x[2 * i + 1])
      // Class 0 on the unit upper half circle, class 1 on the shifted lower one.
      let r = labels[i] == 0 ? u * u + v * v : (1 - u) * (1 - u) + (0.5 - v) * (0.5 - v)
      #expect(abs(r - 1) < 1e-12)
    }
    #expect(moons.classCounts == [5, 5])
    let xor = try Dataset.xor(options(200, noise: 0))
    let xs = xor.features(as: Double.self)
    guard case .classes(let xorLabels, _) = xor.targets else { return }
    for i in 0..<200 { #expect(xorLabels[i] == ((xs[2 * i] > 0) != (xs[2 * i + 1] > 0) ? 1 : 0)) }
    let spirals = try Dataset.spirals(options(31, noise: 0), classes: 3)
    #expect(spirals.classCounts == [11, 10, 10])
    let curve = try Dataset.curve(options(5, noise: 0), range: 0...2) { $0 * $0 }
    #expect(curve.features(as: Double.self) == [0, 0.5, 1, 1.5, 2])
    #expect(curve.targets == .regression([0, 0.25, 1, 2.25, 4]))
  }

  @Test func labelNoiseFlipsAboutTheRequestedFraction() throws {
    let clean = try Dataset.blobs(options(2000, noise: 1, labelNoise: 0), classes: 3)
    let noisy = try Dataset.blobs(options(2000, noise: 1, labelNoise: 0.3), classes: 3)
    guard case .classes(let a, _) = clean.targets, case .classes(let b, _) = noisy.targets else { return }
    let flipped = zip(a, b).filter { $0 != $1 }.count
    #expect(flipped > 500 && flipped < 700)  // 600 expected; binomial sd ≈ 20
    let sameFeatures = clean.features(as: Double.self) == noisy.features(as: Double.self)
    #expect(sameFeatures)
  }

  @Test func badOptionsAreClearErrors() {
    #expect(throws: DatasetError.badOption("n must be at least 2, got 1")) { try Dataset.twoMoons(options(1)) }
    #expect(throws: DatasetError.self) { try Dataset.xor(options(10, noise: -1)) }
    #expect(throws: DatasetError.self) { try Dataset.xor(options(10, noise: .nan)) }
    #expect(throws: DatasetError.self) { try Dataset.xor(options(10, labelNoise: 1.5)) }
    #expect(throws: DatasetError.badOption("classes must be at least 2, got 1")) {
      try Dataset.spirals(options(10), classes: 1)
    }
    #expect(throws: DatasetError.self) { try Dataset.curve(options(10), range: 1...1) { $0 } }
    #expect(throws: DatasetError.self) { try Dataset.curve(options(10), range: 0...(.infinity)) { $0 } }
    #expect(throws: DatasetError.self) { try Dataset.curve(options(10, labelNoise: 0.1), range: 0...1) { $0 } }
    #expect(throws: DatasetError.badOption("the curve is inf at x = 0.0; targets must be finite")) {
      try Dataset.curve(options(3, noise: 0), range: 0...1) { 1 / $0 }
    }
    #expect(throws: DatasetError.self) { try Dataset.xor(options(20_000_000)) }
  }
}

@Suite struct DatasetTransformTests {
  private let x = Matrix(rows: 4, columns: 2, elements: [1, 10, 2, 20, 3, 30, 4, 40])

  @Test func matrixAndVectorMakeClassesOrRegression() throws {
    let classes = try Dataset.make(features: x, targets: Vector([0, 2, 1, 2]))
    #expect(classes.targets == .classes(labels: [0, 2, 1, 2], classCount: 3))
    let regression = try Dataset.make(features: x, targets: Vector([0.5, 2, 1, 2]))
    #expect(regression.targets == .regression([0.5, 2, 1, 2]))
    let forced = try Dataset.make(features: x, targets: Vector([0, 2, 1, 2]), kind: .regression)
    #expect(forced.classCount == nil)
    #expect(forced.featureMatrix == x && forced.targetVector == Vector([0, 2, 1, 2]))
  }

  @Test func makeRejectsBadShapesAndValues() {
    #expect(throws: DatasetError.self) { try Dataset.make(features: x, targets: Vector([0, 1, 2])) }
    #expect(throws: DatasetError.self) { try Dataset.make(features: Matrix(rows: 0, columns: 2), targets: Vector([])) }
    #expect(throws: DatasetError.self) { try Dataset.make(features: x, targets: Vector([0, 1, 2, .nan])) }
    #expect(throws: DatasetError.self) {
      try Dataset.make(features: x, targets: Vector([0, 1, 2, 0.5]), kind: .classes)
    }
    var bad = x
    bad[1, 1] = .infinity
    #expect(throws: DatasetError.self) { try Dataset.make(features: bad, targets: Vector([0, 1, 2, 3])) }
  }

  @Test func splitIsASeededPartition() throws {
    let data = try Dataset.make(
      features: Matrix(rows: 10, columns: 1, elements: (0..<10).map(Double.init)),
      targets: Vector((0..<10).map { Double($0 % 2) }))
    let (train, test) = try data.split(testFraction: 0.3, seed: 4)
    #expect(train.count == 7 && test.count == 3)
    let all = (train.features(as: Double.self) + test.features(as: Double.self)).sorted()
    #expect(all == (0..<10).map(Double.init))
    let again = try data.split(testFraction: 0.3, seed: 4)
    #expect(again.test.features(as: Double.self) == test.features(as: Double.self))
    let other = try data.split(testFraction: 0.3, seed: 5)
    #expect(other.test.features(as: Double.self) != test.features(as: Double.self))
    #expect(throws: DatasetError.self) { try data.split(testFraction: 0, seed: 1) }
    #expect(throws: DatasetError.self) { try data.split(testFraction: 1, seed: 1) }
    #expect(throws: DatasetError.self) { try data.split(testFraction: 0.01, seed: 1) }
    #expect(throws: DatasetError.self) { try data.split(testFraction: .nan, seed: 1) }
  }

  @Test func standardizeAndFirst() throws {
    let data = try Dataset.make(features: x, targets: Vector([0, 1, 0, 1]))
    let s = try data.standardized()
    let z = s.features(as: Double.self)
    let scale = 1.25.squareRoot()
    #expect(z[0] == -1.5 / scale && z[7] == 1.5 / scale)
    #expect(data.standardization.means == [2.5, 25])
    let other = try data.first(2).standardized(using: data.standardization)
    #expect(other.features(as: Double.self) == Array(z.prefix(4)))
    #expect(try data.first(2).targets == .classes(labels: [0, 1], classCount: 2))
    #expect(throws: DatasetError.self) { try data.first(0) }
    #expect(throws: DatasetError.self) { try data.first(5) }
    let constant = try Dataset.make(features: Matrix(rows: 2, columns: 1, repeating: 3), targets: Vector([0, 1]))
    #expect(try constant.standardized().features(as: Double.self) == [0, 0])
    let wide = try Dataset.make(features: Matrix(rows: 1, columns: 3), targets: Vector([0]))
    #expect(throws: DatasetError.self) { try wide.standardized(using: data.standardization) }
  }

  @Test func csvWithHeaderNamedLabelAndWordClasses() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("iris-\(UUID().uuidString).csv").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try "a,species,b\n1,setosa,2\n\n3,virginica,4\r\n5,setosa,6\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    let data = try Dataset.loadCSV(path: path, label: .name("species"))
    #expect(data.featureMatrix == Matrix(rows: 3, columns: 2, elements: [1, 2, 3, 4, 5, 6]))
    #expect(data.targets == .classes(labels: [0, 1, 0], classCount: 2))
    #expect(data.classNames == ["setosa", "virginica"])
    let byIndex = try Dataset.loadCSV(path: path, label: .index(-2))
    #expect(byIndex.targets == data.targets)
  }

  @Test func csvWithoutHeaderAndRegression() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("r-\(UUID().uuidString).csv").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try "1,2,0.5\n3,4,1.5\n".write(toFile: path, atomically: true, encoding: .utf8)
    let data = try Dataset.loadCSV(path: path, label: .index(2))
    #expect(data.targets == .regression([0.5, 1.5]) && data.featureCount == 2)
  }

  @Test func csvErrorsNameTheLine() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).csv").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try "x,y\n1,0\n2\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: DatasetError.badCSV(path: path, line: 3, reason: "1 fields where the first row has 2")) {
      try Dataset.loadCSV(path: path, label: .name("y"))
    }
    try "x,y\n1,0\nfoo,1\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: DatasetError.self) { try Dataset.loadCSV(path: path, label: .name("y")) }
    #expect(throws: DatasetError.self) { try Dataset.loadCSV(path: path, label: .name("z")) }
    #expect(throws: DatasetError.self) { try Dataset.loadCSV(path: path, label: .index(2)) }
    #expect(throws: DatasetError.self) { try Dataset.loadCSV(path: "/nonexistent.csv", label: .index(0)) }
    try "x,y\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: DatasetError.self) { try Dataset.loadCSV(path: path, label: .index(0)) }
  }
}
