import ArgumentParser

/// A duration on the command line: a number with a unit, `s`, `m`, `h` or `d` (`0s`, `30m`, `1h`, `7d`), or plain
/// seconds.
struct DurationArgument: ExpressibleByArgument, Sendable, CustomStringConvertible {
    /// The duration in seconds.
    var seconds: Double
    /// As written.
    var description: String

    init?(argument: String) {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
        var number = Substring(argument)
        var unit = 1.0
        if let last = argument.last, let factor = units[last] {
            number = argument.dropLast()
            unit = factor
        }
        guard let value = Double(number), value >= 0, value.isFinite else { return nil }
        self.seconds = value * unit
        self.description = argument
    }
}
