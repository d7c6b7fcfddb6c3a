import ArgumentParser

/// `berth`: the command line for a Berth server, over HTTP only (the ECR API signed with SigV4, and /v2/).
@main
struct BerthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "berth",
        abstract: "Work with a Berth registry: repositories, images, policies, pushes and pulls.",
        version: "0.1.0",
        subcommands: ControlCommands.all + TransferCommands.all
    )
}
