import ArgumentParser
import BerthHTTP
import BerthStoreSetup
import Foundation
import Logging

/// `berth-server`: serves the ECR API and the OCI Distribution API over one store.
@main
struct BerthServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "berth-server",
        abstract: "A self-hosted container registry that speaks Amazon ECR's API and the OCI Distribution API.",
        discussion: """
            Credentials: BERTH_ROOT_ACCESS_KEY_ID and BERTH_ROOT_SECRET_ACCESS_KEY set the root access key; when they are
            unset the server generates one on first start, keeps it in the data folder and prints it once.
            """
    )

    @OptionGroup var options: ServerOptions

    func run() async throws {
        MemoryTuning.apply()
        var logger = Logger(label: "berth")
        logger.logLevel = Environment.string("LOG_LEVEL").flatMap(Logger.Level.init(rawValue:)) ?? .info
        let assembly: ServerAssembly
        do {
            assembly = try ServerAssembly(options: options)
        } catch let failure as StoreSelection.Failure {
            FileHandle.standardError.write(Data("berth-server: \(failure)\n".utf8))
            throw ExitCode(2)
        }
        let banner = assembly.banner(options: options)
        try await BerthHTTPServer.run(
            host: options.host, port: options.port, services: assembly.services, logger: logger,
            onServerRunning: {
                print(banner)
                fflush(nil)  // all streams: stdout is block-buffered when it is not a terminal
            }
        )
    }
}
