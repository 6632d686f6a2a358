import Foundation
import Testing

@testable import Raster

/// Resolved coverage of `path` over a w×h grid at the origin.
func coverageGrid(_ path: Path, width: Int, height: Int, rule: FillRule = .nonZero)
  -> CoverageAccumulator
{
  var acc = CoverageAccumulator(region: IntRect(x: 0, y: 0, width: width, height: height)!)
  for line in path.flattened(transform: .identity) { acc.add(polygon: line.points) }
  acc.resolve(rule: rule)
  return acc
}

func totalCoverage(_ acc: CoverageAccumulator) -> Double {
  var sum = 0.0
  for y in 0..<acc.height { for x in 0..<acc.width { sum += Double(acc.coverage(x: x, y: y)) } }
  return sum
}

@Suite struct CoverageTests {
  @Test func pixelAlignedSquareIsExactlyOneInsideZeroOutside() throws {
    let acc = coverageGrid(try .rectangle(x: 2, y: 3, width: 4, height: 5), width: 10, height: 10)
    for y in 0..<10 {
      for x in 0..<10 {
        let inside = (2..<6).contains(x) && (3..<8).contains(y)
        #expect(acc.coverage(x: x, y: y) == (inside ? 1 : 0), "pixel \(x),\(y)")
      }
    }
  }

  @Test func halfPixelOffsetEdgeGivesHalfCoverage() throws {
    let acc = coverageGrid(try .rectangle(x: 2.5, y: 1, width: 3, height: 2.5), width: 8, height: 6)
    #expect(acc.coverage(x: 2, y: 1) == 0.5)
    #expect(acc.coverage(x: 3, y: 1) == 1)
    #expect(acc.coverage(x: 4, y: 1) == 1)
    #expect(acc.coverage(x: 5, y: 1) == 0.5)
    #expect(acc.coverage(x: 6, y: 1) == 0)
    #expect(acc.coverage(x: 3, y: 3) == 0.5)
    #expect(acc.coverage(x: 2, y: 3) == 0.25)
  }

  @Test func diagonalEdgeCoversHalfOfEachCrossedPixel() throws {
    let triangle = try Path.polyline(
      [Point(x: 0, y: 0), Point(x: 4, y: 4), Point(x: 0, y: 4)], closed: true)
    let acc = coverageGrid(triangle, width: 4, height: 4)
    for i in 0..<4 { #expect(abs(acc.coverage(x: i, y: i) - 0.5) < 1e-6) }
    #expect(acc.coverage(x: 0, y: 3) == 1)
    #expect(acc.coverage(x: 3, y: 0) == 0)
  }

  @Test func circleAreaMatchesPiRSquaredWithinATenthPercent() throws {
    for r in [20.0, 50.0] {
      let acc = coverageGrid(
        try .circle(center: Point(x: 64.3, y: 63.7), radius: r), width: 128, height: 128)
      let area = totalCoverage(acc)
      #expect(abs(area - Double.pi * r * r) / (Double.pi * r * r) < 0.001, "r=\(r) area \(area)")
    }
  }

  @Test func orientationDoesNotChangeCoverage() throws {
    let cw = try Path.polyline(
      [Point(x: 1.2, y: 1.7), Point(x: 8.4, y: 2.1), Point(x: 5.5, y: 7.9)], closed: true)
    let ccw = try Path.polyline(
      [Point(x: 1.2, y: 1.7), Point(x: 5.5, y: 7.9), Point(x: 8.4, y: 2.1)], closed: true)
    let a = coverageGrid(cw, width: 10, height: 10)
    let b = coverageGrid(ccw, width: 10, height: 10)
    for y in 0..<10 {
      for x in 0..<10 { #expect(abs(a.coverage(x: x, y: y) - b.coverage(x: x, y: y)) < 1e-6) }
    }
    // Shoelace area of the triangle.
    #expect(
      abs(totalCoverage(a) - 0.5 * abs((8.4 - 1.2) * (7.9 - 1.7) - (5.5 - 1.2) * (2.1 - 1.7)))
        < 1e-4)
  }

  @Test func evenOddLeavesTheStarCentreEmptyNonZeroFillsIt() throws {
    let star = try Path.polyline(
      (0..<5).map { k in
        let a = -Double.pi / 2 + Double(k) * 4 * Double.pi / 5
        return Point(x: 20 + 15 * cos(a), y: 20 + 15 * sin(a))
      }, closed: true)
    let nonZero = coverageGrid(star, width: 40, height: 40, rule: .nonZero)
    let evenOdd = coverageGrid(star, width: 40, height: 40, rule: .evenOdd)
    #expect(nonZero.coverage(x: 20, y: 20) == 1)
    #expect(evenOdd.coverage(x: 20, y: 20) == 0)
    // A point of the star is covered once under both rules.
    #expect(nonZero.coverage(x: 19, y: 11) == evenOdd.coverage(x: 19, y: 11))
    #expect(evenOdd.coverage(x: 19, y: 11) > 0.999)
    #expect(totalCoverage(nonZero) > totalCoverage(evenOdd) + 50)
  }

  @Test func shapesOutsideAndStraddlingTheRegionAreClippedExactly() throws {
    // A rectangle from x = −50 to 3.5: pixels 0…2 full, pixel 3 half, rest empty.
    let acc = coverageGrid(
      try .rectangle(x: -50, y: 1, width: 53.5, height: 2), width: 8, height: 4)
    #expect(acc.coverage(x: 0, y: 1) == 1)
    #expect(acc.coverage(x: 2, y: 2) == 1)
    #expect(acc.coverage(x: 3, y: 2) == 0.5)
    #expect(acc.coverage(x: 4, y: 2) == 0)
    let far = coverageGrid(
      try .rectangle(x: 1e6, y: -1e6, width: 5, height: 3e6), width: 8, height: 4)
    #expect(totalCoverage(far) == 0)
  }
}
