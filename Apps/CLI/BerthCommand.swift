import ArgumentParser
import Foundation

/// `berth`: the command line for a Berth server, over HTTP only (the ECR API signed with SigV4, and /v2/).
@main
struct BerthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "berth",
        abstract: "Work with a Berth registry: repositories, images, policies, pushes and pulls.",
        discussion: "Shell completion: berth --generate-completion-script bash|zsh|fish.",
        version: "0.1.0",
        subcommands: ControlCommands.all + TransferCommands.all
    )

    /// The name docker and podman run a credential helper by (`credHelpers` value `berth`).
    static let credentialHelperName = "docker-credential-berth"

    /// Runs `berth`, or `berth credential-helper` when invoked as `docker-credential-berth` (argv[0]'s basename).
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let invokedAs = URL(fileURLWithPath: CommandLine.arguments.first ?? "berth").lastPathComponent
        if invokedAs == credentialHelperName {
            await CredentialHelperCommand.main(arguments)
        } else {
            await main(arguments)
        }
    }
}
