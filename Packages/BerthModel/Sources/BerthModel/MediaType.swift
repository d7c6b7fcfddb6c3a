/// The manifest and config media types Berth understands.
public enum MediaType {
    public static let dockerManifestV2 = "application/vnd.docker.distribution.manifest.v2+json"
    public static let dockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json"
    public static let dockerManifestV1 = "application/vnd.docker.distribution.manifest.v1+json"
    public static let dockerManifestV1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws"
    public static let ociManifest = "application/vnd.oci.image.manifest.v1+json"
    public static let ociIndex = "application/vnd.oci.image.index.v1+json"
    public static let dockerConfig = "application/vnd.docker.container.image.v1+json"
    public static let ociConfig = "application/vnd.oci.image.config.v1+json"

    /// Media types that list other manifests rather than layers.
    public static let indexTypes: Set<String> = [dockerManifestList, ociIndex]
    /// Media types of single-image manifests.
    public static let imageTypes: Set<String> = [dockerManifestV2, ociManifest]
    /// Every manifest media type Berth accepts.
    public static let manifestTypes: Set<String> = indexTypes.union(imageTypes)
}
