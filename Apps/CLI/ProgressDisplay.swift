import BerthClient
import Foundation
import Synchronization

/// Shows a transfer's progress on stdout: on a terminal, bars redrawn in place at most ten times a second; otherwise
/// one plain line per finished blob. Then a summary with the bytes moved and the rate.
final class ProgressDisplay: TransferObserver, Sendable {
    /// Bars redrawn in place (ANSI) on a terminal `width` columns wide, or plain lines.
    enum Style: Sendable, Equatable {
        case terminal(width: Int)
        case plain

        /// `.terminal` when stdout is a terminal, else `.plain`.
        static func forStandardOutput() -> Style {
            guard isatty(STDOUT_FILENO) == 1 else { return .plain }
            var size = winsize()
            let columns = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 ? Int(size.ws_col) : 0
            return .terminal(width: columns > 20 ? columns : 100)
        }
    }

    private struct Screen {
        var state = ProgressState()
        var lastDraw: ContinuousClock.Instant?
        var drawnLines = 0
    }

    private let verb: String
    private let style: Style
    private let start = ContinuousClock.now
    private let screen = Mutex(Screen())

    /// A display that calls moved blobs `verb` ("pushed", "pulled").
    init(verb: String, style: Style) {
        self.verb = verb
        self.style = style
    }

    /// Records `event` and shows what changed.
    func handle(_ event: TransferEvent) {
        screen.withLock { screen in
            let finished = screen.state.apply(event)
            switch style {
            case .plain:
                if let blob = finished {
                    write("\(blob.skipped ? "exists" : verb) \(blob.shortDigest) \(ProgressUnits.bytes(blob.size))\n")
                }
                if case .retrying = event, let status = screen.state.status {
                    FileHandle.standardError.write(Data("berth: \(status)\n".utf8))
                }
            case .terminal(let width):
                let now = ContinuousClock.now
                if let last = screen.lastDraw, now - last < .milliseconds(100), finished == nil { return }
                draw(&screen, width: width, at: now)
            }
        }
    }

    /// Draws the last frame (on a terminal) and prints `summary` with the time taken and the rate of `bytes`.
    func finish(summary: String, bytes: Int64) {
        let elapsed = seconds(ContinuousClock.now - start)
        screen.withLock { screen in
            if case .terminal(let width) = style { draw(&screen, width: width, at: .now) }
        }
        write("\(summary) in \(String(format: "%.1f", elapsed)) s (\(ProgressUnits.rate(bytes, seconds: elapsed)))\n")
    }

    private func draw(_ screen: inout Screen, width: Int, at now: ContinuousClock.Instant) {
        let lines = ProgressFrame.lines(screen.state, elapsed: seconds(now - start), width: width - 1)
        var text = screen.drawnLines > 0 ? "\u{1B}[\(screen.drawnLines)F" : ""
        for line in lines { text += "\u{1B}[2K" + line + "\n" }
        text += "\u{1B}[J"
        write(text)
        screen.drawnLines = lines.count
        screen.lastDraw = now
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
