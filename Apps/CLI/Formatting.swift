import Foundation

/// How table cells show times and sizes.
enum Formatting {
    /// An ECR time (seconds since 1970) as `2026-01-31T12:00:00Z`, or `-`.
    static func time(_ seconds: Double?) -> String {
        guard let seconds else { return "-" }
        return Date(timeIntervalSince1970: seconds).formatted(.iso8601)
    }

    /// A byte count in binary units (`512 B`, `1.5 KiB`, `20.0 MiB`), or `-`.
    static func size(_ bytes: Int64?) -> String {
        guard let bytes else { return "-" }
        if bytes < 1024 { return "\(bytes) B" }
        var value = Double(bytes)
        for unit in ["KiB", "MiB", "GiB", "TiB"] {
            value /= 1024
            if value < 1024 || unit == "TiB" { return String(format: "%.1f", value) + " " + unit }
        }
        return "\(bytes) B"
    }

    /// A list as `a,b`, or `-` when empty.
    static func list(_ items: [String]?) -> String {
        guard let items, !items.isEmpty else { return "-" }
        return items.joined(separator: ",")
    }
}
