/// Reading the `date` of a message header back into a point in time.
extension ISODate {
  /// Seconds since 1970-01-01 UTC of an ISO 8601 date-time as Jupyter clients write it
  /// (`2026-12-02T09:47:24.123456Z`, `…+01:00`, `…+0100`; no zone means UTC, as
  /// jupyter_client reads naive dates), or nil when `text` is not one. Any number of
  /// fraction digits is accepted (browsers send milliseconds, Python microseconds).
  public static func seconds(_ text: String) -> Double? {
    var reader = DateReader(Array(text.utf8))
    return reader.read()
  }
}

/// A cursor over the bytes of one date-time; every method returns nil on the first mismatch.
private struct DateReader {
  let bytes: [UInt8]
  var index = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  mutating func read() -> Double? {
    guard let year = digits(4), literal("-"), let month = digits(2), literal("-"), let day = digits(2),
      literal("T") || literal(" "), let hour = digits(2), literal(":"), let minute = digits(2), literal(":"),
      let second = digits(2), (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60,
      second < 61
    else { return nil }
    var fraction = 0.0
    if literal(".") {
      var scale = 0.1
      let start = index
      while let d = digit() {
        fraction += Double(d) * scale
        scale /= 10
      }
      guard index > start else { return nil }
    }
    guard let offset = zoneOffset(), index == bytes.count else { return nil }
    let days = Self.daysSinceEpoch(year: year, month: month, day: day)
    let whole = ((days * 24 + hour) * 60 + minute) * 60 + second - offset
    return Double(whole) + fraction
  }

  /// The zone's offset east of UTC in seconds: 0 for `Z` or none, else `±HH:MM` / `±HHMM`.
  mutating func zoneOffset() -> Int? {
    if index == bytes.count || literal("Z") || literal("z") { return 0 }
    let sign: Int
    if literal("+") { sign = 1 } else if literal("-") { sign = -1 } else { return nil }
    guard let hours = digits(2) else { return nil }
    _ = literal(":")
    guard let minutes = digits(2), hours < 24, minutes < 60 else { return nil }
    return sign * (hours * 3600 + minutes * 60)
  }

  mutating func digit() -> Int? {
    guard index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else { return nil }
    index += 1
    return Int(bytes[index - 1] - UInt8(ascii: "0"))
  }

  mutating func digits(_ count: Int) -> Int? {
    var value = 0
    for _ in 0..<count {
      guard let d = digit() else { return nil }
      value = value * 10 + d
    }
    return value
  }

  mutating func literal(_ character: Unicode.Scalar) -> Bool {
    guard index < bytes.count, bytes[index] == UInt8(character.value) else { return false }
    index += 1
    return true
  }

  /// Days from 1970-01-01 to a proleptic Gregorian date (the civil-from-days inverse:
  /// years counted from March, so the leap day ends a year).
  static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }
}
