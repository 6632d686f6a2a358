/// matplotlib's 'default' style parameters (rcParams), in points unless stated.
///
/// Kept in one place so the layout code reads like matplotlib's: every distance in the
/// figure is one of these times `dpi / 72`.
enum PlotStyle {
  static let fontSize = 10.0
  static let titleSize = 12.0
  static let titlePad = 6.0
  static let labelPad = 4.0
  static let majorTickLength = 3.5
  static let minorTickLength = 2.0
  static let majorTickWidth = 0.8
  static let minorTickWidth = 0.6
  static let tickPad = 3.5
  static let spineWidth = 0.8
  static let lineWidth = 1.5
  static let markerSize = 6.0
  static let markerEdgeWidth = 1.0
  static let gridWidth = 0.8
  /// Subplot parameters as figure fractions.
  static let left = 0.125, right = 0.9, bottom = 0.11, top = 0.88
  static let wspace = 0.2, hspace = 0.2
  /// The gap between columns, as a fraction of a panel's width, when panels carry colour bars.
  static let wspaceWithColorbar = 0.55
  /// Autoscale margins as a fraction of the data range.
  static let margin = 0.05
  // Legend
  static let legendBorderPad = 0.4
  static let legendLabelSpacing = 0.5
  static let legendHandleLength = 2.0
  static let legendHandleTextPad = 0.8
  static let legendBorderAxesPad = 0.5
  static let legendColumnSpacing = 2.0
  // Colour bar
  static let colorbarFraction = 0.15
  static let colorbarPad = 0.05
  static let colorbarAspect = 20.0
}
