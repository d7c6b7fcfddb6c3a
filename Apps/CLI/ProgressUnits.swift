import Foundation

/// How progress output spells sizes, rates and durations.
enum ProgressUnits {
    /// `512 B`, `1.5 KiB`, `64.0 MiB`, `2.00 GiB`.
    static func bytes(_ count: Int64) -> String {
        let value = Double(count)
        switch count {
        case ..<1024: return "\(count) B"
        case ..<(1 << 20): return String(format: "%.1f KiB", value / 1024)
        case ..<(1 << 30): return String(format: "%.1f MiB", value / 1_048_576)
        default: return String(format: "%.2f GiB", value / 1_073_741_824)
        }
    }

    /// MiB per second of `count` bytes over `seconds`.
    static func rate(_ count: Int64, seconds: Double) -> String {
        String(format: "%.1f MiB/s", seconds > 0 ? Double(count) / 1_048_576 / seconds : 0)
    }

    /// `0:07`, `12:34`, `1:02:03`; `--:--` when unknown.
    static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite, seconds >= 0, seconds < 360_000 else { return "--:--" }
        let whole = Int(seconds.rounded(.up))
        let (hours, minutes, rest) = (whole / 3600, whole / 60 % 60, whole % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, rest) : String(format: "%d:%02d", minutes, rest)
    }

    /// A bar of `width` cells, `fraction` of them full.
    static func bar(_ fraction: Double, width: Int) -> String {
        let full = Int((min(max(fraction, 0), 1) * Double(width)).rounded(.down))
        return "[" + String(repeating: "=", count: full) + (full < width ? ">" : "") + String(repeating: " ", count: max(width - full - 1, 0)) + "]"
    }
}
