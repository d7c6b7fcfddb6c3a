import BerthModel
public import BerthWire

extension Registry {
    /// The permissions a /v2/ request needs, in ECR's IAM actions: reading a manifest, tag list or referrers is
    /// `ecr:BatchGetImage`, reading a blob `ecr:GetDownloadUrlForLayer` (a HEAD, as pushes use it, is
    /// `ecr:BatchCheckLayerAvailability`), the upload routes are the layer-upload actions, a manifest PUT is
    /// `ecr:PutImage`, deletes are `ecr:BatchDeleteImage`, the catalog is `ecr:DescribeRepositories`. A
    /// cross-repository mount (`mountSource`) also needs pull permissions on the source repository. `GET /v2/` needs
    /// no permission beyond authentication.
    public func distributionPermissions(for route: OCIRoute, method: String, mountSource: String? = nil) -> [Permission] {
        guard let name = route.name?.value else {
            if case .catalog = route { return [Permission(action: "ecr:DescribeRepositories", resource: repositoryARN("*"))] }
            return []
        }
        let actions: [String]
        switch route {
        case .base, .catalog:
            actions = []
        case .tagsList, .referrers:
            actions = ["ecr:BatchGetImage"]
        case .manifest:
            switch method {
            case "PUT": actions = ["ecr:PutImage"]
            case "DELETE": actions = ["ecr:BatchDeleteImage"]
            default: actions = ["ecr:BatchGetImage"]
            }
        case .blob:
            switch method {
            case "DELETE": actions = ["ecr:BatchDeleteImage"]
            case "HEAD": actions = ["ecr:BatchCheckLayerAvailability"]
            default: actions = ["ecr:GetDownloadUrlForLayer"]
            }
        case .uploadStart:
            actions = ["ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload"]
        case .upload:
            actions = method == "PUT" ? ["ecr:UploadLayerPart", "ecr:CompleteLayerUpload"] : ["ecr:UploadLayerPart"]
        }
        var permissions = actions.map { Permission(action: $0, resource: repositoryARN(name)) }
        if let mountSource {
            let source = repositoryARN(mountSource)
            permissions += ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"].map { Permission(action: $0, resource: source) }
        }
        return permissions
    }
}
