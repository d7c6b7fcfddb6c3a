/// Rows of text printed in aligned columns under an upper-case header.
struct Table {
    /// The column titles.
    var columns: [String]
    /// The cells, one array per row.
    var rows: [[String]] = []

    /// The table as text: columns padded to their widest cell, two spaces apart, no trailing spaces.
    var rendered: String {
        let all = [columns.map { $0.uppercased() }] + rows
        var widths = Array(repeating: 0, count: columns.count)
        for row in all {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        return all.map { row in
            var line = ""
            for (index, cell) in row.enumerated() {
                line += index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 2)
            }
            return line
        }.joined(separator: "\n")
    }

    /// `key: value` lines for one object, keys padded to align.
    static func fields(_ pairs: [(String, String)]) -> String {
        let width = pairs.map(\.0.count).max() ?? 0
        return pairs.map { $0.0 + ":" + String(repeating: " ", count: width - $0.0.count + 1) + $0.1 }.joined(separator: "\n")
    }
}
