/// An open file descriptor and the bytes of it to send; whoever holds it closes the descriptor.
public struct LocalFileSpan: Sendable, Equatable {
    /// The descriptor, open for reading.
    public var descriptor: Int32
    /// The first byte to send.
    public var offset: Int64
    /// How many bytes to send.
    public var length: Int64

    /// A span of `length` bytes from `offset` of `descriptor`.
    public init(descriptor: Int32, offset: Int64, length: Int64) {
        self.descriptor = descriptor
        self.offset = offset
        self.length = length
    }
}
