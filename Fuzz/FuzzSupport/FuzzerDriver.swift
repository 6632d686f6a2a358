#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// libFuzzer's driver (in the runtime that `-sanitize=fuzzer` links): parses the command
/// line and calls `callback` once per input until time, runs or a finding stop it.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// Hands the process to libFuzzer with `testOneInput` as the target and exits with its status.
///
/// Each fuzz target's `main.swift` calls this: SwiftPM links an executable's top-level code
/// as `NAME_main` and makes that the process entry, so libFuzzer's own `main` never runs and
/// its driver has to be started here, with the process's own arguments.
public func runFuzzer(_ testOneInput: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> Never {
  var count = CommandLine.argc
  var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
  exit(runDriver(&count, &arguments, testOneInput))
}
