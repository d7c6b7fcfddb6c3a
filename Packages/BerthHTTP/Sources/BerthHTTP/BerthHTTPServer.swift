public import Hummingbird
public import Logging

/// Builds the Hummingbird application that serves Berth on one address.
public enum BerthHTTPServer {
    /// An application listening on `host:port` with Berth's responder.
    public static func makeApplication(
        host: String, port: Int, services: BerthServices, logger: Logger, onServerRunning: @escaping @Sendable () async -> Void = {}
    ) -> some ApplicationProtocol {
        Application(
            responder: BerthResponder(services: services),
            server: .http1(configuration: .init(additionalChannelHandlers: [ExpectContinueHandler()])),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "berth"),
            onServerRunning: { _ in await onServerRunning() },
            logger: logger
        )
    }
}
