import MathCore
import Testing

private let shortCases: [(Double, String)] = [
  (0, "0"), (-0.0, "0"), (1e-300, "1e-300"), (1e300, "1e+300"), (-1e300, "-1e+300"),
  (Double.nan, "nan"), (Double.infinity, "inf"), (-Double.infinity, "-inf"),
  (0.1 + 0.2, "0.3"), (123_456_789, "123456789"), (-123_456_789, "-123456789"),
  (1.866545550584793, "1.867"), (0.0003135790324245474, "0.0003136"), (-2.5, "-2.5"),
  (70.15000000000001, "70.15"), (0.00001234567, "1.235e-05"), (9.99996, "10"),
  (0.99999, "1"), (1e16, "1e+16"), (5e-324, "4.941e-324"), (Double.greatestFiniteMagnitude, "1.798e+308"),
  (12345.678, "12346"), (-0.000123456, "-0.0001235"),
]

@Test(arguments: shortCases)
func shortNumbersKeepFourSignificantDigitsWithoutNoise(value: Double, expected: String) {
  #expect(NumberFormat.short(value) == expected)
}

@Test func shortNumbersTakeTheirDigitCount() {
  #expect(NumberFormat.short(3.14159, digits: 2) == "3.1")
  #expect(NumberFormat.short(3.14159, digits: 0) == "3")
  #expect(NumberFormat.short(1.0 / 3.0, digits: 40) == "0.33333333333333331")
}

@Test func durationsReadInSecondsOrMilliseconds() {
  #expect(NumberFormat.seconds(8.199999999999999) == "8.2 s")
  #expect(NumberFormat.seconds(0.34) == "340 ms")
  #expect(NumberFormat.seconds(0.0123456) == "12.3 ms")
  #expect(NumberFormat.seconds(0) == "0 s")
  #expect(NumberFormat.seconds(1234.4) == "1234 s")
  #expect(NumberFormat.seconds(.infinity) == "inf s")
}

@Test func percentagesCarryASpaceAndFourDigits() {
  #expect(NumberFormat.percent(70.15000000000001) == "70.15 %")
  #expect(NumberFormat.percent(100) == "100 %")
  #expect(NumberFormat.percent(.nan) == "nan %")
}
