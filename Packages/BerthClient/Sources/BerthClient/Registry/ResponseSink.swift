public import Foundation

/// Where a streamed response body goes (a blob download writing to a file while it hashes).
///
/// The transport calls `begin` once with the status and headers, then `receive` for each piece of a 2xx body in
/// order, all from one serial queue. A sink that throws stops the transfer; `stream` rethrows that error.
public protocol ResponseSink: AnyObject, Sendable {
    /// The response started; throw to refuse it.
    func begin(status: Int, headers: [String: String]) throws(TransferError)
    /// The next bytes of a 2xx body.
    func receive(_ bytes: Data) throws(TransferError)
}
