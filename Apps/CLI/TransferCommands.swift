import ArgumentParser

/// The commands that move image bytes (push, pull).
enum TransferCommands {
    static let all: [any ParsableCommand.Type] = []
}
