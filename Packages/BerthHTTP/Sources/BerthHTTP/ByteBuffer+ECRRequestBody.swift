public import BerthWire
public import NIOCore

/// An HTTP body buffer is an ECR request body as it is: operations decode from its bytes in place.
extension ByteBuffer: @retroactive ECRRequestBody {}
