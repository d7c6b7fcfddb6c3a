/// The lines of the terminal display: one bar per blob (the unfinished ones, then as many finished as fit), and a
/// total with bytes, rate and ETA.
enum ProgressFrame {
    /// At most this many blob lines.
    static let maximumBlobLines = 12

    /// The frame for `state` after `elapsed` seconds, each line at most `width` columns.
    static func lines(_ state: ProgressState, elapsed: Double, width: Int) -> [String] {
        let barWidth = max(min(width - 50, 40), 10)
        let active = state.blobs.filter { !$0.finished }
        let finished = state.blobs.filter(\.finished)
        let shown = active.prefix(maximumBlobLines) + finished.suffix(max(maximumBlobLines - active.count, 0))
        var lines = shown.map { blob in
            let fraction = blob.size > 0 ? Double(blob.completed) / Double(blob.size) : 1
            let note = blob.skipped ? "already present" : blob.finished ? "done" : ""
            return "\(blob.shortDigest) \(ProgressUnits.bar(fraction, width: barWidth)) "
                + "\(ProgressUnits.bytes(blob.completed))/\(ProgressUnits.bytes(blob.size)) \(note)"
        }
        let total = max(state.plannedBytes, state.blobs.reduce(0) { $0 + $1.size })
        let moved = state.movedBytes
        let rate = elapsed > 0 ? Double(moved) / elapsed : 0
        let eta = rate > 0 ? Double(total - state.doneBytes) / rate : nil
        let fraction = total > 0 ? Double(state.doneBytes) / Double(total) : 0
        lines.append(
            "total \(state.finishedBlobs)/\(max(state.plannedBlobs, state.blobs.count)) \(ProgressUnits.bar(fraction, width: barWidth)) "
                + "\(ProgressUnits.bytes(state.doneBytes))/\(ProgressUnits.bytes(total)) "
                + "\(ProgressUnits.rate(moved, seconds: elapsed)) ETA \(ProgressUnits.duration(eta))")
        if let status = state.status { lines.append(status) }
        return lines.map { $0.count > width ? String($0.prefix(width)) : $0 }
    }
}
