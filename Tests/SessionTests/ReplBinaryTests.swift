import Foundation
import Testing

/// `saddle repl` end to end: the built binary (a sibling of the test bundle) driven through pipes.
@Test func replBinaryWorksOverAPipe() throws {
  let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    .appendingPathComponent("saddle")
  try #require(
    FileManager.default.isExecutableFile(atPath: binary.path), "build saddle first: \(binary.path)")
  let process = Process()
  process.executableURL = binary
  process.arguments = ["repl"]
  let input = Pipe()
  let output = Pipe()
  let errors = Pipe()
  process.standardInput = input
  process.standardOutput = output
  process.standardError = errors
  try process.run()
  input.fileHandleForWriting.write(
    Data("L(w1, w2) = (1 - w1*w2)^2\n[L(1, 2),\n L(0, 0)]\nundefined_name\n1 + 5\n".utf8))
  try input.fileHandleForWriting.close()
  let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  #expect(process.terminationStatus == 0)
  #expect(out == "[1, 1]\n6\n")
  #expect(err == "  undefined_name\n  ^~~~~~~~~~~~~~\nNameError: unknown name 'undefined_name'\n")
}
