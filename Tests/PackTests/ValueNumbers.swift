import Language

/// The numbers a cell's value holds, in order (a number, a vector's elements, a matrix's
/// elements row by row), or none for any other value: for comparing results with plain arrays.
func numbers(_ v: Value?) -> [Double] {
  switch v {
  case .vector(let x)?: return x.elements
  case .matrix(let m)?: return m.elements
  case .number(let x)?: return [x]
  default: return []
  }
}
