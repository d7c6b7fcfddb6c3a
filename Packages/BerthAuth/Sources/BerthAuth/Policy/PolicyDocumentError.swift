/// Why a policy document was refused; `message` says what is wrong and where (e.g. `Statement[1]: …`).
public struct PolicyDocumentError: Error, Sendable, Equatable {
    /// A sentence a user can act on.
    public var message: String

    /// An error with `message`.
    public init(message: String) {
        self.message = message
    }
}
