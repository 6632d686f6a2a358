import Foundation
import JupyterKernel
import JupyterProtocol
import ZeroMQ

/// Runs a kernel on the sockets described by a connection file.
///
/// Threads: a shell thread with a large stack serves shell and stdin and runs cells (the
/// calling main thread just waits); a control
/// thread serves control requests (interrupt, shutdown, kernel_info) while a cell runs,
/// turns SIGINT into an interrupt, and flushes coalesced stream output; a heartbeat thread
/// echoes pings. The IOPub socket has no thread of its own: publishers send under its lock.
public final class KernelServer {
  let info: ConnectionInfo
  let codec: WireCodec
  let context: Context
  let sockets: BoundSockets

  /// Binds every socket (fails with a clear error if the file is bad or a port is taken).
  /// Ports given as 0 are chosen now and written back to the connection file.
  public init(connectionFile: String) throws {
    var info = try ConnectionInfo.load(path: connectionFile)
    let signer = try MessageSigner(key: info.key, scheme: info.signatureScheme)
    context = try Context()
    sockets = try BoundSockets(context: context, info: &info)
    if info != (try ConnectionInfo.load(path: connectionFile)) {
      try JSONEncoder().encode(info).write(to: URL(fileURLWithPath: connectionFile))
    }
    self.info = info
    codec = WireCodec(signer: signer)
  }

  /// Serves `interpreter` until a shutdown request ends the process.
  public func run(interpreter: any Interpreter, implementationVersion: String) -> Never {
    let iopub = IOPubQueue(socket: sockets.iopub)
    let transport = ZMQTransport(
      codec: codec, shell: sockets.shell, control: sockets.control, stdin: sockets.stdin, iopub: iopub)
    let kernel = Kernel(interpreter: interpreter, transport: transport, implementationVersion: implementationVersion)
    Signals.installInterruptHandler()
    Self.startHeartbeat(sockets.heartbeat)
    Self.startControl(kernel: kernel, transport: transport)
    kernel.announceStart()
    JupyterServerLog.debug("listening on \(info.endpoint(port: info.shellPort)) (libzmq \(Context.version))")
    Self.startShell(kernel: kernel, transport: transport, socket: sockets.shell)
    while true { pause() }
  }

  /// Stack of the shell thread, which runs cells. Why so large: an interpreter whose own
  /// worker has this much stack (the language session's is 64 MiB) runs a call inline on a
  /// thread that has at least as much, saving two thread wake-ups per execute. Only pages
  /// actually used are committed.
  static let shellStackSize = 64 << 20

  /// Serves shell (and, through the transport, stdin) on its own large-stack thread; the
  /// socket moves to that thread once, at start (thread creation is a full memory barrier).
  static func startShell(kernel: Kernel, transport: ZMQTransport, socket: Socket) {
    let thread = Thread {
      while true {
        do {
          guard let frames = try socket.receive() else { continue }
          if let message = transport.decode(frames, on: .shell) { kernel.handle(message, on: .shell) }
        } catch {
          JupyterServerLog.warning("shell receive failed: \(error)")
          usleep(10_000)
        }
      }
    }
    thread.stackSize = shellStackSize
    thread.name = "saddle-shell"
    thread.start()
  }

  /// Echoes every heartbeat ping on its own thread, so long cells never look like a dead kernel.
  static func startHeartbeat(_ socket: Socket) {
    let thread = Thread {
      while true {
        do {
          if let ping = try socket.receive() { try socket.send(ping) }
        } catch {
          JupyterServerLog.warning("heartbeat failed: \(error)")
          usleep(10_000)
        }
      }
    }
    thread.name = "saddle-heartbeat"
    thread.start()
  }

  /// Serves control requests; every 5 ms also checks for SIGINT and flushes old stream output,
  /// and about once a second checks that the launching Jupyter process is still there.
  static func startControl(kernel: Kernel, transport: ZMQTransport) {
    let parent = ProcessInfo.processInfo.environment["JPY_PARENT_PID"].flatMap { Int32($0) }
    let thread = Thread {
      var turns = 0
      while true {
        turns += 1
        if turns % 200 == 0, let parent, getppid() != parent {
          JupyterServerLog.warning("the Jupyter process \(parent) that started this kernel is gone; exiting")
          // _exit, as at shutdown: exit handlers (OpenBLAS joins its threads in one) could
          // wait forever on a computation still running on another thread.
          _exit(0)
        }
        if Signals.takeInterrupt() {
          JupyterServerLog.debug("SIGINT: interrupting")
          kernel.interrupt()
        }
        kernel.tick()
        transport.iopub.nudge()
        do {
          guard try pollReadable([transport.control], timeoutMilliseconds: 5)[0],
            let frames = try transport.control.receive(wait: false)
          else { continue }
          if let message = transport.decode(frames, on: .control) { kernel.handle(message, on: .control) }
        } catch {
          JupyterServerLog.warning("control receive failed: \(error)")
          usleep(10_000)
        }
      }
    }
    thread.name = "saddle-control"
    thread.start()
  }
}

/// The five sockets, bound exactly to the connection file's transport and address.
struct BoundSockets: @unchecked Sendable {
  let shell: Socket
  let control: Socket
  let stdin: Socket
  let iopub: Socket
  let heartbeat: Socket

  init(context: Context, info: inout ConnectionInfo) throws {
    shell = try Self.make(context, .router)
    control = try Self.make(context, .router)
    stdin = try Self.make(context, .router)
    iopub = try Self.make(context, .pub)
    heartbeat = try Self.make(context, .rep)
    info.shellPort = try Self.bind(shell, info: info, port: info.shellPort)
    info.controlPort = try Self.bind(control, info: info, port: info.controlPort)
    info.stdinPort = try Self.bind(stdin, info: info, port: info.stdinPort)
    info.iopubPort = try Self.bind(iopub, info: info, port: info.iopubPort)
    info.hbPort = try Self.bind(heartbeat, info: info, port: info.hbPort)
  }

  static func make(_ context: Context, _ kind: Socket.Kind) throws -> Socket {
    let socket = try Socket(context, kind)
    try socket.setOption(.linger, 1000)
    if kind == .router { try socket.setOption(.routerHandover, 1) }
    return socket
  }

  /// Binds `socket` on `port`, or on a free port when it is 0; returns the port used.
  static func bind(_ socket: Socket, info: ConnectionInfo, port: Int) throws -> Int {
    if port != 0 {
      try socket.bind(info.endpoint(port: port))
      return port
    }
    if info.transport == "ipc" {
      var n = 1
      while FileManager.default.fileExists(atPath: "\(info.ip)-\(n)") { n += 1 }
      try socket.bind(info.endpoint(port: n))
      return n
    }
    try socket.bind("tcp://\(info.ip):*")
    let endpoint = try socket.lastEndpoint()
    guard let chosen = endpoint.split(separator: ":").last.flatMap({ Int($0) }) else {
      throw ZMQError(operation: "reading the bound port of \(endpoint)", code: EINVAL)
    }
    return chosen
  }
}
