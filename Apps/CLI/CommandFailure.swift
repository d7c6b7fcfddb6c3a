import ArgumentParser
import BerthClient
import Foundation

/// A failure a command reports itself (a local file it cannot read, an argument only it can check).
struct CommandError: Error, CustomStringConvertible {
    /// The line to print.
    var description: String
}

/// Turns a failure into one line on stderr and the exit code: 1 the server refused or failed the request, 2 the
/// local configuration or input is wrong, 3 the server could not be reached (64 is argument-parser's usage error).
enum CommandFailure {
    /// Prints `berth: <cause>` for the failures the commands know, and returns the error to throw (an `ExitCode`
    /// for those, the error itself otherwise, which argument-parser prints).
    static func report(_ error: any Error) -> any Error {
        let code: Int32
        switch error {
        case let error as ClientError:
            switch error {
            case .configuration: code = 2
            case .unreachable: code = 3
            case .authenticationRefused, .service, .invalidResponse: code = 1
            }
        case is CommandError: code = 2
        default: return error
        }
        printError("berth: \(error)")
        return ExitCode(code)
    }

    /// Writes `line` and a newline to stderr.
    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// A command that calls the server: resolves the client from `global`, runs, and reports failures as one line.
protocol ClientCommand: AsyncParsableCommand {
    /// The endpoint, profile and region options.
    var global: GlobalOptions { get }

    /// The command's work against `client`.
    func run(client: ECRClient) async throws
}

extension ClientCommand {
    func run() async throws {
        do {
            try await run(client: global.client())
        } catch {
            throw CommandFailure.report(error)
        }
    }
}
