import ArgumentParser
import BerthClient
import BerthModel
import BerthWire

/// An image named on the command line for the ECR operations: `repository:tag` or `repository@sha256:...`, parsed by
/// BerthClient's one `ImageReference` parser (which push and pull use too); a bare repository is refused here.
struct ImageArgument: ExpressibleByArgument, CustomStringConvertible {
    /// The repository.
    var repository: String
    /// The image, by tag or digest.
    var imageId: ECR.ImageIdentifier

    init?(argument: String) {
        let reference: ImageReference
        do { reference = try ImageReference(parsing: argument) } catch { return nil }
        let afterSlash = argument.split(separator: "/").last ?? Substring(argument)
        guard reference.digest != nil || afterSlash.contains(":") else { return nil }
        repository = reference.repository
        imageId = ECR.ImageIdentifier(imageDigest: reference.digest?.description, imageTag: reference.digest == nil ? reference.tag : nil)
    }

    var description: String {
        if let tag = imageId.imageTag { return "\(repository):\(tag)" }
        return "\(repository)@\(imageId.imageDigest ?? "")"
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
