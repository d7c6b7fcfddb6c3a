public import Hummingbird
public import Logging

/// Builds the Hummingbird application that serves Berth on one address.
public enum BerthHTTPServer {
    /// An application listening on `host:port` with Berth's responder.
    public static func makeApplication(
        host: String, port: Int, services: BerthServices, logger: Logger, onServerRunning: @escaping @Sendable () async -> Void = {}
    ) -> some ApplicationProtocol {
        Application(
            responder: BerthResponder(services: services, logger: logger, sendsFilesZeroCopy: true),
            server: .http1(configuration: .init(additionalChannelHandlers: [ExpectContinueHandler(), FileRegionInstaller()])),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "berth"),
            onServerRunning: { _ in await onServerRunning() },
            logger: logger
        )
    }

    /// Serves Berth on `host:port` until the process is told to stop (SIGTERM, SIGINT).
    public static func run(
        host: String, port: Int, services: BerthServices, logger: Logger, onServerRunning: @escaping @Sendable () async -> Void = {}
    ) async throws {
        try await makeApplication(host: host, port: port, services: services, logger: logger, onServerRunning: onServerRunning).runService()
    }
}
