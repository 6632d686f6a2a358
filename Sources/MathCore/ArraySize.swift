/// The one check every result size passes before its storage is allocated.
///
/// Operators (`A * B`, elementwise on arrays) and builtins (`zeros`, `rand`, `linspace`, grids)
/// ask here with the shape they are about to build; a result over the limit becomes an
/// `ArraySizeError` naming the shape and the memory it would need, never an allocation the
/// process cannot survive. The limit (10⁷ doubles, 80 MB per array) keeps a few such arrays,
/// their copies and a product's operands well inside the memory of a laptop.
public enum ArraySize {
  /// The largest number of elements one array may hold.
  public static let maxElements = 10_000_000

  /// `rows × columns`, checked against `maxElements` (and against Int overflow and negative
  /// sizes); `what` names the result in the error ("the product", "zeros").
  public static func elements(rows: Int, columns: Int = 1, what: String) throws(ArraySizeError) -> Int {
    guard rows >= 0, columns >= 0 else {
      throw ArraySizeError(what: what, rows: rows, columns: columns)
    }
    let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
    guard !overflow, count <= maxElements else {
      throw ArraySizeError(what: what, rows: rows, columns: columns)
    }
    return count
  }

  /// Bytes as people read them: `800 TB`, `72 MB`, `512 bytes` (decimal units).
  public static func bytesText(_ bytes: Double) -> String {
    let units = ["bytes", "kB", "MB", "GB", "TB", "PB", "EB"]
    var value = bytes
    var unit = 0
    while value >= 1000, unit < units.count - 1 {
      value /= 1000
      unit += 1
    }
    // Beyond the largest unit (or not a number at all) there is nothing to round: no Int(…).
    guard value < 1000 else { return "\(NumberFormat.plain(value)) \(units[unit])" }
    // Tenths as digits (a double such as 8.8 would print as 8.800000000000001 at 16 digits);
    // value < 1000 here, so the conversion is exact and cannot trap.
    let tenths = value >= 100 || unit == 0 ? Int(value.rounded()) * 10 : Int((value * 10).rounded())
    let digits = tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    return "\(digits) \(units[unit])"
  }
}

/// A result too large to allocate: its shape, the memory it would need and the limit.
public struct ArraySizeError: Error, Equatable, Sendable, CustomStringConvertible {
  public let what: String
  public let rows: Int
  public let columns: Int

  public var description: String {
    if rows < 0 || columns < 0 {
      return "\(what) would have a negative size (\(rows)×\(columns))"
    }
    let shape = columns == 1 ? "\(rows) elements" : "\(rows)×\(columns)"
    let bytes = Double(rows) * Double(columns) * Double(MemoryLayout<Double>.stride)
    let limit = ArraySize.bytesText(Double(ArraySize.maxElements * MemoryLayout<Double>.stride))
    return
      "\(what) would be \(shape) and need \(ArraySize.bytesText(bytes)) of memory; one array is limited to \(ArraySize.maxElements) elements (\(limit))"
  }
}
