import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// SIGTERM and SIGINT end the worker at once, after giving up its lease, so the next worker (or `--once`) need not
/// wait the lease out. A pass cut short leaves at most its claims, which the next pass finishes.
enum StopSignals {
    /// Keeps the signal sources alive for the process's life.
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    /// Runs `cleanup` then exits 0 on SIGTERM or SIGINT.
    static func install(_ cleanup: @escaping @Sendable () -> Void) {
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                cleanup()
                exit(0)
            }
            source.resume()
            sources.append(source)
        }
    }
}
