/// The lines of the terminal display: one bar per blob (the unfinished ones, then as many finished as fit), and a
/// total with bytes, rate and ETA.
enum ProgressFrame {
    /// At most this many blob lines.
    static let maximumBlobLines = 12

    /// The frame for `state` after `elapsed` seconds, each line at most `width` columns.
    static func lines(_ state: ProgressState, elapsed: Double, width: Int) -> [String] {
        let barWidth = max(min(width - 50, 40), 10)
        // Every blob in the order it started; when there are too many, the unfinished ones and the latest finished.
        var shown = state.blobs
        if shown.count > maximumBlobLines {
            let finishedRoom = max(maximumBlobLines - shown.count { !$0.finished }, 0)
            let keptFinished = Set(shown.filter(\.finished).suffix(finishedRoom).map(\.digest))
            shown = Array(shown.filter { !$0.finished || keptFinished.contains($0.digest) }.prefix(maximumBlobLines))
        }
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
