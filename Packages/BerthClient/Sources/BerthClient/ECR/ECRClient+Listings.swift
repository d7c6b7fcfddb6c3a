public import BerthWire

extension ECRClient {
    /// DescribeRepositories over every page: the named repositories, or all of them.
    /// - Parameter names: the repositories to describe; nil for every repository.
    /// - Returns: one answer holding every page's repositories (no `nextToken`).
    /// - Throws: `ClientError` (`RepositoryNotFoundException` when a named one is missing).
    public func describeAllRepositories(names: [String]? = nil) async throws(ClientError) -> ECR.DescribeRepositoriesResponse {
        var repositories: [ECR.Repository] = []
        var token: String?
        repeat {
            let page = try await call(
                .describeRepositories, ECR.DescribeRepositoriesRequest(repositoryNames: names, nextToken: token),
                as: ECR.DescribeRepositoriesResponse.self)
            repositories += page.repositories ?? []
            token = page.nextToken
        } while token != nil
        return ECR.DescribeRepositoriesResponse(repositories: repositories)
    }

    /// DescribeImages over every page: the given images of a repository, or all of them.
    /// - Parameters:
    ///   - repository: the repository.
    ///   - imageIds: the images (by tag or digest); nil for every image.
    /// - Returns: one answer holding every page's image details (no `nextToken`).
    /// - Throws: `ClientError` (`RepositoryNotFoundException`, `ImageNotFoundException`).
    public func describeAllImages(repository: String, imageIds: [ECR.ImageIdentifier]? = nil) async throws(ClientError)
        -> ECR.DescribeImagesResponse
    {
        var details: [ECR.ImageDetail] = []
        var token: String?
        repeat {
            let page = try await call(
                .describeImages, ECR.DescribeImagesRequest(repositoryName: repository, imageIds: imageIds, nextToken: token),
                as: ECR.DescribeImagesResponse.self)
            details += page.imageDetails ?? []
            token = page.nextToken
        } while token != nil
        return ECR.DescribeImagesResponse(imageDetails: details)
    }
}
