import Foundation
import Testing

@testable import NeuralNet

/// The real Fashion-MNIST files of the Debian package. The expected numbers were computed
/// with an independent reader (Python's gzip module on the same files): shapes, first
/// labels, byte sums of all pixels, of the first and last image, and block sums of the first
/// image at 14×14 and 7×7.
@Suite struct FashionMNISTTests {
  /// The byte each stored pixel came from: round(x · 255 · k²) for k×k averaging.
  private func bytes(_ data: Dataset, block k: Int) -> [Int] {
    data.features(as: Float.self).map { Int((Double($0) * Double(255 * k * k)).rounded()) }
  }

  @Test func fullSetsHaveTheirShapesLabelsAndPixelSums() throws {
    let (train, test) = try FashionMNIST.load()
    #expect(train.count == 60_000 && train.featureCount == 784)
    #expect(test.count == 10_000 && test.featureCount == 784)
    #expect(train.imageShape == ImageShape(rows: 28, columns: 28))
    #expect(train.classCount == 10 && train.classNames?[9] == "Ankle boot")
    guard case .classes(let trainLabels, _) = train.targets, case .classes(let testLabels, _) = test.targets else {
      Issue.record("Fashion-MNIST must have class labels")
      return
    }
    #expect(Array(trainLabels.prefix(10)) == [9, 0, 0, 3, 0, 2, 7, 2, 5, 5])
    #expect(Array(testLabels.prefix(10)) == [9, 2, 1, 1, 6, 1, 4, 6, 5, 7])
    let trainBytes = bytes(train, block: 1)
    #expect(trainBytes.reduce(0, +) == 3_431_114_169)
    #expect(trainBytes.prefix(784).reduce(0, +) == 76_247)
    #expect(trainBytes.suffix(784).reduce(0, +) == 16_684)
    let testBytes = bytes(test, block: 1)
    #expect(testBytes.reduce(0, +) == 573_469_082)
    #expect(testBytes.prefix(784).reduce(0, +) == 33_456)
    // Stored as p / 255 exactly rounded, like torchvision's ToTensor.
    #expect(train.features(as: Float.self)[784 * 0 + 14 * 28 + 14] == Float(trainBytes[14 * 28 + 14]) / 255)
  }

  @Test func subsetsKeepTheFirstExamples() throws {
    let (train, test) = try FashionMNIST.load(train: 1000, test: 1000)
    #expect(train.count == 1000 && test.count == 1000)
    #expect(train.classCounts == [107, 104, 86, 92, 95, 100, 100, 115, 102, 99])
    #expect(test.classCounts == [107, 105, 111, 93, 115, 87, 97, 95, 95, 95])
  }

  @Test func downsamplingAveragesBlocks() throws {
    let (train14, _) = try FashionMNIST.load(train: 1, test: 1, size: 14)
    #expect(train14.featureCount == 196 && train14.imageShape == ImageShape(rows: 14, columns: 14))
    #expect(
      Array(bytes(train14, block: 2)[(5 * 14)..<(6 * 14)]) == [
        0, 0, 0, 0, 1, 3, 424, 878, 821, 788, 847, 872, 886, 463,
      ])
    let (train7, test7) = try FashionMNIST.load(train: 1, test: 1, size: 7)
    #expect(train7.featureCount == 49)
    let block4 = bytes(train7, block: 4)
    #expect(Array(block4.prefix(7)) == [0, 0, 0, 14, 74, 4, 2])
    #expect(block4.reduce(0, +) == 76_247)
    #expect(bytes(test7, block: 4).reduce(0, +) == 33_456)
  }

  @Test func downsampleOfAKnownImage() throws {
    // A 4×4 image averaged to 2×2 and to 1×1.
    let image: [UInt8] = [0, 255, 10, 10, 255, 0, 10, 10, 1, 2, 3, 4, 5, 6, 7, 8]
    let half = try FashionMNIST.downsample(image, count: 1, side: 4, width: 4, to: 2)
    #expect(half == [Float(510) / 1020, Float(40) / 1020, Float(14) / 1020, Float(22) / 1020])
    let one = try FashionMNIST.downsample(image, count: 1, side: 4, width: 4, to: 1)
    #expect(one == [Float(586) / Float(255 * 16)])
    #expect(throws: DatasetError.self) { try FashionMNIST.downsample(image, count: 1, side: 4, width: 4, to: 3) }
  }

  @Test func badOptionsAndMissingFilesAreClearErrors() throws {
    #expect(throws: DatasetError.badOption("size must be 7, 14 or 28 (pixels per side), got 10")) {
      try FashionMNIST.load(size: 10)
    }
    #expect(throws: DatasetError.badSubset(name: "train", requested: 0, available: 60_000)) {
      try FashionMNIST.load(train: 0)
    }
    #expect(throws: DatasetError.badSubset(name: "test", requested: 10_001, available: 10_000)) {
      try FashionMNIST.load(train: 5, test: 10_001)
    }
    let missing = "/nonexistent/fashion"
    do {
      _ = try FashionMNIST.load(directory: missing)
      Issue.record("a missing directory must throw")
    } catch let error as DatasetError {
      #expect(error == .fashionMNISTMissing(path: missing + "/train-images-idx3-ubyte.gz"))
      #expect(error.description.contains("apt-get install dataset-fashion-mnist"))
    }
  }

  @Test func malformedIDXFilesAreRejected() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("idx-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    func idx(_ bytes: [UInt8]) throws -> String {
      let path = dir.appendingPathComponent("f\(bytes.count)-\(bytes.first ?? 0)-\(bytes.dropFirst(2).first ?? 0)").path
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      return path
    }
    let good = try IDXFile(path: try idx([0, 0, 8, 1, 0, 0, 0, 3, 7, 8, 9]))
    #expect(good.dimensions == [3] && good.bytes == [7, 8, 9])
    #expect(throws: DatasetError.self) { try IDXFile(path: try idx([1, 0, 8, 1, 0, 0, 0, 1, 5])) }
    #expect(throws: DatasetError.self) { try IDXFile(path: try idx([0, 0, 9, 1, 0, 0, 0, 1, 5])) }
    #expect(throws: DatasetError.self) { try IDXFile(path: try idx([0, 0, 8, 2, 0, 0])) }
    #expect(throws: DatasetError.self) { try IDXFile(path: try idx([0, 0, 8, 1, 0, 0, 0, 4, 5, 6])) }
    #expect(throws: DatasetError.self) { try IDXFile(path: dir.appendingPathComponent("none").path) }
  }
}
