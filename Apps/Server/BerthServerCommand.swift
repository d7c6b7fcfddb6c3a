import ArgumentParser
import BerthHTTP
import Hummingbird
import Logging

/// `berth-server`: serves the ECR API and the OCI Distribution API over one store.
@main
struct BerthServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "berth-server",
        abstract: "A self-hosted container registry that speaks Amazon ECR's API and the OCI Distribution API."
    )

    @OptionGroup var options: ServerOptions

    func run() async throws {
        var logger = Logger(label: "berth")
        logger.logLevel = .info
        let app = BerthHTTPServer.makeApplication(host: options.host, port: options.port, logger: logger)
        try await app.runService()
    }
}
