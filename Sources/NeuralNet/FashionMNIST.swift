import Foundation

/// Fashion-MNIST (Xiao, Rasul & Vollgraf 2017): 60,000 training and 10,000 test images of
/// 28×28 grey pixels in 10 clothing classes, read from the Debian package
/// `dataset-fashion-mnist`.
public enum FashionMNIST {
  /// Where the Debian package puts the four gzip'd IDX files.
  public static let defaultDirectory = "/usr/share/datasets/fashion-mnist"

  /// The class names, index = label, as the data set's authors list them.
  public static let classNames = [
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
  ]

  /// The training and test sets.
  ///
  /// - Parameters:
  ///   - train: how many training examples to keep (the first ones; all 60,000 when nil).
  ///   - test: how many test examples to keep (the first ones; all 10,000 when nil).
  ///   - size: the image side, 28 (as stored), 14 or 7: each output pixel is the mean of a
  ///     2×2 or 4×4 block (area-averaged downsampling), for small networks.
  ///   - directory: where the IDX files are.
  /// Pixels are p / 255 in `Float32`, in [0, 1].
  public static func load(
    train: Int? = nil, test: Int? = nil, size: Int = 28, directory: String = defaultDirectory
  ) throws -> (train: Dataset, test: Dataset) {
    guard [7, 14, 28].contains(size) else {
      throw DatasetError.badOption("size must be 7, 14 or 28 (pixels per side), got \(size)")
    }
    let trainSet = try part(
      "train", prefix: "train", keep: train, size: size, directory: directory)
    let testSet = try part("test", prefix: "t10k", keep: test, size: size, directory: directory)
    return (trainSet, testSet)
  }

  /// One half (train or test) of the data set.
  private static func part(
    _ name: String, prefix: String, keep: Int?, size: Int, directory: String
  ) throws -> Dataset {
    let imagePath = "\(directory)/\(prefix)-images-idx3-ubyte.gz"
    let labelPath = "\(directory)/\(prefix)-labels-idx1-ubyte.gz"
    for path in [imagePath, labelPath] where !FileManager.default.fileExists(atPath: path) {
      throw DatasetError.fashionMNISTMissing(path: path)
    }
    let images = try IDXFile(path: imagePath)
    let labels = try IDXFile(path: labelPath)
    guard images.dimensions.count == 3, labels.dimensions.count == 1, images.dimensions[0] == labels.dimensions[0]
    else {
      throw DatasetError.malformedIDX(
        path: imagePath, reason: "images \(images.dimensions) and labels \(labels.dimensions) do not match")
    }
    let available = images.dimensions[0]
    let n = keep ?? available
    guard n >= 1, n <= available else { throw DatasetError.badSubset(name: name, requested: n, available: available) }
    if let bad = labels.bytes.prefix(n).first(where: { $0 > 9 }) {
      throw DatasetError.malformedIDX(path: labelPath, reason: "label \(bad) is outside 0…9")
    }
    let pixels = try downsample(
      images.bytes, count: n, side: images.dimensions[1], width: images.dimensions[2], to: size)
    return Dataset(
      name: "fashion-mnist \(name)", featureCount: size * size, storage: .float32(pixels),
      targets: .classes(labels: labels.bytes.prefix(n).map(Int.init), classCount: 10),
      imageShape: ImageShape(rows: size, columns: size), classNames: classNames)
  }

  /// `count` square images of `side`×`side` bytes averaged down to `size`×`size`, as p / 255.
  ///
  /// Each output pixel is the mean over its block of `side / size` × `side / size` input
  /// pixels, summed exactly in integers and divided once (so size 28 gives p / 255 exactly
  /// rounded, as torchvision's `ToTensor`).
  static func downsample(_ bytes: [UInt8], count: Int, side: Int, width: Int, to size: Int) throws -> [Float] {
    guard side == width, side % size == 0 else {
      throw DatasetError.badOption("cannot average \(side)×\(width) images down to \(size)×\(size)")
    }
    let k = side / size
    if k == 1 { return bytes[0..<(count * side * side)].map { Float($0) / 255 } }
    let divisor = Float(255 * k * k)
    var out = [Float](repeating: 0, count: count * size * size)
    for n in 0..<count {
      let image = n * side * side
      for r in 0..<size {
        for c in 0..<size {
          var sum = 0
          for dr in 0..<k {
            let row = image + (r * k + dr) * side + c * k
            for dc in 0..<k { sum += Int(bytes[row + dc]) }
          }
          out[(n * size + r) * size + c] = Float(sum) / divisor
        }
      }
    }
    return out
  }
}
