import Language
import Plot
import PlotPack
import Testing
import _TestSupport

@testable import Session

/// `plot(t, x:, y:)`: a table's column against another, labelled with the column names.
@Suite struct PlotTableTests {
  private func figure(_ code: String) throws -> Figure {
    let runtime = Runtime(builtins: Session.builtins)
    guard case .custom(let value as FigureValue)? = try runtime.run(code, host: DiscardingHost()) else {
      throw LanguageError(.type, "not a figure")
    }
    return value.figure
  }

  @Test func oneColumnAgainstAnotherWithAxisLabels() throws {
    let fig = try figure(
      "t = table(batch: [8, 32, 128], test_accuracy: [0.9, 0.95, 0.93])\nplot(t, x: \"batch\", y: \"test_accuracy\")")
    #expect(fig.main.xlabel == "batch" && fig.main.ylabel == "test_accuracy")
    guard case .line(let line)? = fig.main.artists.first else {
      Issue.record("no line drawn")
      return
    }
    #expect(line.xs == [8, 32, 128] && line.ys == [0.9, 0.95, 0.93])
  }

  @Test func severalColumnsShareTheAxesWithALegend() throws {
    let fig = try figure(
      "t = table(b: [1, 2], train: [0.9, 0.95], test: [0.8, 0.85])\nplot(t, x: \"b\", y: (\"train\", \"test\"))")
    #expect(fig.main.artists.count == 2 && fig.main.legend != nil)
  }

  @Test func unknownOrTextColumnsAreErrorsNamingTheColumns() {
    let runtime = Runtime(builtins: Session.builtins)
    _ = try? runtime.run("t = table(b: [1, 2], kind: (\"min\", \"max\"))", host: DiscardingHost())
    func message(_ code: String) -> String? {
      do {
        _ = try runtime.run(code, host: DiscardingHost())
        return nil
      } catch let error as LanguageError {
        return "\(error.kind.rawValue): \(error.message)"
      } catch { return "\(error)" }
    }
    #expect(message("plot(t, x: \"b\", y: \"acc\")") == "NameError: the table has no column 'acc'; columns: b, kind")
    #expect(message("plot(t, x: \"b\", y: \"kind\")")?.contains("does not hold numbers") == true)
    #expect(
      message("plot(t, x: \"b\")")?.hasPrefix("ArgumentError: plot(t, x: \"column\", y: \"column\") needs y:") == true)
    #expect(message("plot(t, y: \"b\")")?.hasPrefix("ArgumentError") == true)
  }
}
