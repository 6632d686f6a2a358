import Testing
import _LanguageTestSupport

@testable import Language

private func latex(_ s: String) -> String {
  LatexPrinter.latex(Parser.parseExpression(s).0)
}

@Test func namesBecomeMathSymbols() {
  #expect(LatexPrinter.name("w1") == "w_1")
  #expect(LatexPrinter.name("w₁") == "w_1")
  #expect(LatexPrinter.name("w12") == "w_{12}")
  #expect(LatexPrinter.name("θ") == "\\theta")
  #expect(LatexPrinter.name("theta") == "\\theta")
  #expect(LatexPrinter.name("x_0") == "x_0")
  #expect(LatexPrinter.name("loss") == "\\mathrm{loss}")
  #expect(LatexPrinter.name("L") == "L")
}

@Test func expressionsTypesetWithMinimalParentheses() {
  #expect(latex("(1 - w1*w2)^2") == "\\left(1 - w_1 w_2\\right)^{2}")
  #expect(latex("x^4 - 3*x^2 + x") == "x^{4} - 3 x^{2} + x")
  #expect(latex("a / (b + c)") == "\\frac{a}{b + c}")
  #expect(latex("2 * 3") == "2 \\cdot 3")
  #expect(latex("sqrt(x) + abs(y)") == "\\sqrt{x} + \\left|y\\right|")
  #expect(latex("-(a + b)") == "-\\left(a + b\\right)")
  #expect(latex("sigmoid(z)") == "\\sigma\\left(z\\right)")
  #expect(latex("x <= 1") == "x \\le 1")
  #expect(latex("(-2)^2") == "\\left(-2\\right)^{2}")
}

@Test func functionLatexMatchesTheIssueExample() throws {
  let i = Runtime()
  _ = try i.run("L(w1, w2) = (1 - w1*w2)^2", host: RecordingHost())
  #expect(i.globals["L"]?.latex == "$$L(w_1, w_2) = \\left(1 - w_1 w_2\\right)^{2}$$")
  #expect(i.globals["L"]?.representations["text/plain"] == "L(w1, w2) = (1 - w1*w2)^2")
}

@Test func recordsHaveHtmlTables() throws {
  let i = Runtime()
  let v = try i.run("eig([[2, 0], [0, 1]])", host: RecordingHost())
  let html = try #require(v?.representations["text/html"])
  #expect(html.hasPrefix("<table>"))
  #expect(html.contains("<th style=\"text-align:left\">values</th>"))
  #expect(v?.representations["text/latex"] == nil)
}

@Test func derivedNamesTypesetLikeTheSlides() {
  #expect(LatexPrinter.name("∂L/∂w1") == "\\frac{\\partial L}{\\partial w_1}")
  #expect(LatexPrinter.name("∂²L/∂w1∂w2") == "\\frac{\\partial^2 L}{\\partial w_1 \\partial w_2}")
  #expect(LatexPrinter.name("∂²f/∂x²") == "\\frac{\\partial^2 f}{\\partial x^2}")
  #expect(LatexPrinter.name("∂³f/∂x²∂y") == "\\frac{\\partial^3 f}{\\partial x^2 \\partial y}")
  #expect(LatexPrinter.name("∇L") == "\\nabla L")
  #expect(LatexPrinter.name("∇²L") == "\\nabla^2 L")
  #expect(LatexPrinter.name("∇θ") == "\\nabla \\theta")
  #expect(LatexPrinter.name("∇") == "\\nabla")
}

@Test func negatedRightOperandsAreWrapped() {
  #expect(latex("2*(1 - w1*w2)*(-w2)") == "2\\left(1 - w_1 w_2\\right)\\left(-w_2\\right)")
  #expect(ExprPrinter.plain(Parser.parseExpression("a*(-b)").0) == "a*(-b)")
  #expect(ExprPrinter.plain(Parser.parseExpression("a - (-b)").0) == "a - (-b)")
  #expect(ExprPrinter.plain(Parser.parseExpression("-a*b").0) == "-a*b")
  #expect(latex("a / -b") == "\\frac{a}{-b}")
}

@Test func nestedVectorLiteralsTypesetAsOneMatrix() {
  #expect(latex("[[y, x], [1, 2*y]]") == "\\begin{bmatrix}y & x \\\\ 1 & 2 y\\end{bmatrix}")
  #expect(latex("[x, y]") == "\\begin{bmatrix}x \\\\ y\\end{bmatrix}")
  // Ragged rows stay nested (no value of the language has that shape, but nothing breaks).
  #expect(
    latex("[[x], [1, 2]]")
      == "\\begin{bmatrix}\\begin{bmatrix}x\\end{bmatrix} \\\\ \\begin{bmatrix}1 \\\\ 2\\end{bmatrix}\\end{bmatrix}"
  )
}
