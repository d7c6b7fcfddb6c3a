import ArgumentParser

/// The control-plane commands (login, credential helper, repositories, images, policies, lifecycle, gc).
enum ControlCommands {
    static let all: [any ParsableCommand.Type] = [
        LoginCommand.self, CredentialHelperCommand.self, RepoCommand.self, ImageCommand.self, PolicyCommand.self, LifecycleCommand.self,
        GCCommand.self,
    ]
}
