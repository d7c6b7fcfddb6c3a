import ArgumentParser
import BerthWire

/// An image named on the command line: `repository:tag` or `repository@sha256:...`.
struct ImageReference: ExpressibleByArgument, CustomStringConvertible {
    /// The repository.
    var repository: String
    /// The image, by tag or digest.
    var imageId: ECR.ImageIdentifier

    init?(argument: String) {
        if let at = argument.firstIndex(of: "@") {
            let digest = String(argument[argument.index(after: at)...])
            guard !digest.isEmpty else { return nil }
            repository = String(argument[..<at])
            imageId = ECR.ImageIdentifier(imageDigest: digest)
        } else if let colon = argument.lastIndex(of: ":"), !argument[colon...].contains("/") {
            let tag = String(argument[argument.index(after: colon)...])
            guard !tag.isEmpty else { return nil }
            repository = String(argument[..<colon])
            imageId = ECR.ImageIdentifier(imageTag: tag)
        } else {
            return nil
        }
        guard !repository.isEmpty else { return nil }
    }

    var description: String {
        if let tag = imageId.imageTag { return "\(repository):\(tag)" }
        return "\(repository)@\(imageId.imageDigest ?? "")"
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
