import ArgumentParser

/// The control-plane commands (login, credential helper, repositories, images, policies, lifecycle, gc).
enum ControlCommands {
    static let all: [any ParsableCommand.Type] = []
}
