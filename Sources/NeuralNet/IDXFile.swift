import CZlib

/// An IDX file of unsigned bytes (the MNIST format: a magic number 0x0000_08_NN, where
/// NN is the number of dimensions, then NN big-endian 32-bit sizes, then the data).
///
/// Read whole through zlib's `gzread`, which also reads files that are not compressed.
/// Fashion-MNIST's largest file is 47 MB unpacked, so whole-file reading is fine.
struct IDXFile {
  /// The sizes of each dimension, outermost first (N, rows, columns for images).
  let dimensions: [Int]
  /// The data, `dimensions.reduce(1, *)` bytes, row-major.
  let bytes: [UInt8]

  /// Reads and checks the IDX file at `path` (gzip'd or plain).
  init(path: String) throws {
    let raw = try Self.readAll(path: path)
    guard raw.count >= 4, raw[0] == 0, raw[1] == 0 else {
      throw DatasetError.malformedIDX(path: path, reason: "the magic number does not start with two zero bytes")
    }
    guard raw[2] == 0x08 else {
      throw DatasetError.malformedIDX(
        path: path, reason: "element type 0x\(String(raw[2], radix: 16)) is not unsigned bytes (0x08)")
    }
    let rank = Int(raw[3])
    guard rank >= 1, raw.count >= 4 + 4 * rank else {
      throw DatasetError.malformedIDX(path: path, reason: "the header is truncated")
    }
    var dims = [Int]()
    for d in 0..<rank {
      let o = 4 + 4 * d
      dims.append(Int(raw[o]) << 24 | Int(raw[o + 1]) << 16 | Int(raw[o + 2]) << 8 | Int(raw[o + 3]))
    }
    let expected = dims.reduce(1, *)
    let header = 4 + 4 * rank
    guard raw.count - header == expected else {
      throw DatasetError.malformedIDX(
        path: path, reason: "the header promises \(expected) bytes of data, the file holds \(raw.count - header)")
    }
    dimensions = dims
    bytes = Array(raw[header...])
  }

  /// The whole (decompressed) content of `path`.
  private static func readAll(path: String) throws -> [UInt8] {
    guard let file = gzopen(path, "rb") else {
      throw DatasetError.unreadable(path: path, reason: "the file cannot be opened")
    }
    defer { gzclose(file) }
    var out = [UInt8]()
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let n = chunk.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32($0.count)) }
      if n < 0 {
        var code: Int32 = 0
        let message = gzerror(file, &code).map { String(cString: $0) } ?? "zlib error \(code)"
        throw DatasetError.unreadable(path: path, reason: message)
      }
      if n == 0 { break }
      out.append(contentsOf: chunk[0..<Int(n)])
    }
    return out
  }
}
