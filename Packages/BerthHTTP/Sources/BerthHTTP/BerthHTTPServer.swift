public import Hummingbird
public import Logging

/// Builds the Hummingbird application that serves Berth on one address.
public enum BerthHTTPServer {
    /// An application listening on `host:port` with Berth's responder.
    public static func makeApplication(host: String, port: Int, logger: Logger) -> some ApplicationProtocol {
        Application(
            responder: BerthResponder(),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "berth"),
            logger: logger
        )
    }
}
