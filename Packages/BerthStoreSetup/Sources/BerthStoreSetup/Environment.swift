import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads the process environment for flag defaults.
public enum Environment {
    /// The variable's value, or nil when unset or empty.
    public static func string(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    /// The variable as an integer, or nil.
    public static func int(_ name: String) -> Int? {
        string(name).flatMap { Int($0) }
    }

    /// True for `1`, `true`, `yes` (any case).
    public static func flag(_ name: String) -> Bool {
        guard let value = string(name)?.lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(value)
    }

    /// The registry's idea of "now" (push and pull times, lifecycle ages, garbage collection's grace): the wall clock
    /// plus `BERTH_CLOCK_SKEW_SECONDS`, a testing aid that ages images without waiting. Signatures and tokens keep
    /// the real time.
    public static func registryClock() -> @Sendable () -> Double {
        let skew = string("BERTH_CLOCK_SKEW_SECONDS").flatMap(Double.init) ?? 0
        return { Date().timeIntervalSince1970 + skew }
    }
}
