import ArgumentParser
import BerthModel
import Foundation

/// How a command prints what the server answered.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// The ECR-shaped answer as JSON (one line, keys sorted).
    case json
    /// Columns for people.
    case table
}

/// `--output json|table`.
struct OutputOptions: ParsableArguments {
    @Option(name: [.short, .long], help: "json (the ECR-shaped answer) or table.")
    var output: OutputFormat = .table

    /// Prints `value` as JSON, or `table()` as text.
    func emit(_ value: some Encodable, table: () -> String) throws {
        switch output {
        case .json: try Output.printJSON(value)
        case .table: Output.write(table())
        }
    }
}

/// Writing to stdout.
enum Output {
    /// Prints `value` encoded with `JSONCoding` and a newline.
    static func printJSON(_ value: some Encodable) throws {
        let data: Data
        do {
            data = try JSONCoding.encode(value)
        } catch {
            throw CommandError(description: "cannot encode the answer as JSON: \(error)")
        }
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }

    /// Writes `text`, adding a final newline when it lacks one (nothing for empty text).
    static func write(_ text: String) {
        guard !text.isEmpty else { return }
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
