import BerthModel

/// The body of a referrers answer (end-12a/b): an OCI image index listing the referrers, optionally filtered by
/// `artifactType`.
///
/// Serve with 200, `Content-Type: contentType`, and `OCI-Filters-Applied: <filtersAppliedHeader>` when that is
/// non-nil. An unknown subject is simply an empty index, never 404.
public struct ReferrersIndex: Sendable, Hashable {
    /// The `Content-Type` of the answer.
    public static let contentType = MediaType.ociIndex

    /// The descriptors listed, in the order given (after filtering).
    public let manifests: [ReferrerDescriptor]
    /// The filters applied, e.g. `["artifactType"]`; empty when none.
    public let filtersApplied: [String]

    /// Builds the index.
    /// - Parameters:
    ///   - referrers: Every referrer of the subject, in the order to list them.
    ///   - artifactType: The `artifactType` query parameter; nil or empty means no filter. When given, only
    ///     descriptors with exactly that artifact type are kept and the filter counts as applied (even if none matched).
    public init(referrers: [ReferrerDescriptor], artifactType: String? = nil) {
        if let artifactType, !artifactType.isEmpty {
            self.manifests = referrers.filter { $0.artifactType == artifactType }
            self.filtersApplied = ["artifactType"]
        } else {
            self.manifests = referrers
            self.filtersApplied = []
        }
    }

    /// The `OCI-Filters-Applied` header value (comma-separated filter names), nil when no filter was applied.
    public var filtersAppliedHeader: String? {
        filtersApplied.isEmpty ? nil : filtersApplied.joined(separator: ",")
    }

    /// The JSON body: `{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[…]}`;
    /// each descriptor's keys in the order mediaType, digest, size, artifactType (when set and not empty), annotations (when
    /// non-empty, keys sorted).
    public func jsonBody() -> [UInt8] {
        var writer = JSONWriter()
        writer.raw("{\"schemaVersion\":2,\"mediaType\":")
        writer.string(ReferrersIndex.contentType)
        writer.raw(",\"manifests\":[")
        for (index, descriptor) in manifests.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.raw("{")
            writer.key("mediaType", first: true)
            writer.string(descriptor.mediaType)
            writer.key("digest")
            writer.string(descriptor.digest.description)
            writer.key("size")
            writer.raw(String(descriptor.size))
            if let artifactType = descriptor.artifactType, !artifactType.isEmpty {
                writer.key("artifactType")
                writer.string(artifactType)
            }
            if !descriptor.annotations.isEmpty {
                writer.key("annotations")
                writer.stringObject(descriptor.annotations)
            }
            writer.raw("}")
        }
        writer.raw("]}")
        return writer.bytes
    }
}
