public import Hummingbird
public import NIOCore

/// The request context of berth-server: Hummingbird's core context plus the client's address, which the doors put
/// on the caller (`sourceAddress`) for authorization and the request log.
public struct BerthRequestContext: RequestContext, RemoteAddressRequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The connected client's address, when the channel has one.
    public let remoteAddress: SocketAddress?

    /// A context for a request arriving on `source.channel`.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// The client's IP address as text (`127.0.0.1`), when known.
    var sourceAddress: String? { remoteAddress?.ipAddress }
}
