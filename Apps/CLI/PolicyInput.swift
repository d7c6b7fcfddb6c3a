import ArgumentParser
import Foundation

/// A JSON policy given as `--file <path>` or `--text <json>`.
struct PolicyInput: ParsableArguments {
    @Option(help: ArgumentHelp("A file holding the policy JSON (`-` for stdin).", valueName: "path"), completion: .file())
    var file: String?

    @Option(help: ArgumentHelp("The policy JSON itself.", valueName: "json"))
    var text: String?

    func validate() throws {
        if file != nil && text != nil { throw ValidationError("Give --file or --text, not both.") }
    }

    /// The policy text, or nil when neither option was given.
    /// - Throws: `CommandError` when the file cannot be read.
    func policyText() throws -> String? {
        if let text { return text }
        guard let file else { return nil }
        if file == "-" { return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) }
        do {
            return try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw CommandError(description: "cannot read policy file \(file): \(error.localizedDescription)")
        }
    }

    /// The policy text, required.
    /// - Throws: `CommandError` when neither option was given or the file cannot be read.
    func requiredPolicyText() throws -> String {
        guard let text = try policyText() else { throw CommandError(description: "give the policy with --file <path> or --text <json>") }
        return text
    }
}
