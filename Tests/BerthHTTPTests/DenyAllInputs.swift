import Foundation

/// A valid input for every one of ECR's 58 operations, aimed at the seeded repository (so that, were it allowed,
/// each would change or reveal something).
enum DenyAllInputs {
    static func all(_ seeded: SeededRegistry) -> [String: String] {
        let repo = #""repositoryName":"\#(SeededRegistry.repository)""#
        let image = #""imageId":{"imageDigest":"\#(seeded.imageDigest)"}"#
        let arn = "arn:aws:ecr:us-east-1:123456789012:repository/\(SeededRegistry.repository)"
        let principal = "arn:aws:iam::123456789012:role/ci"
        let lifecycle =
            #"{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}"#
        let escapedLifecycle = lifecycle.replacingOccurrences(of: "\"", with: "\\\"")
        let policy = #"{\"Version\":\"2012-10-17\",\"Statement\":[]}"#
        return [
            "BatchCheckLayerAvailability": #"{\#(repo),"layerDigests":["\#(seeded.layerDigest)"]}"#,
            "BatchDeleteImage": #"{\#(repo),"imageIds":[{"imageTag":"v1"}]}"#,
            "BatchGetImage": #"{\#(repo),"imageIds":[{"imageTag":"v1"}]}"#,
            "BatchGetRepositoryScanningConfiguration": #"{"repositoryNames":["\#(SeededRegistry.repository)"]}"#,
            "CompleteLayerUpload": #"{\#(repo),"uploadId":"\#(seeded.uploadID)","layerDigests":["\#(seeded.layerDigest)"]}"#,
            "CreatePullThroughCacheRule": #"{"ecrRepositoryPrefix":"hub","upstreamRegistryUrl":"registry-1.docker.io"}"#,
            "CreateRepository": #"{"repositoryName":"denied/new"}"#,
            "CreateRepositoryCreationTemplate": #"{"prefix":"team","appliedFor":["CREATE_ON_PUSH"]}"#,
            "DeleteLifecyclePolicy": "{\(repo)}",
            "DeletePullThroughCacheRule": #"{"ecrRepositoryPrefix":"hub"}"#,
            "DeleteRegistryPolicy": "{}",
            "DeleteRepository": #"{\#(repo),"force":true}"#,
            "DeleteRepositoryCreationTemplate": #"{"prefix":"team"}"#,
            "DeleteRepositoryPolicy": "{\(repo)}",
            "DeleteSigningConfiguration": "{}",
            "DeregisterPullTimeUpdateExclusion": #"{"principalArn":"\#(principal)"}"#,
            "DescribeImageReplicationStatus": "{\(repo),\(image)}",
            "DescribeImageScanFindings": "{\(repo),\(image)}",
            "DescribeImageSigningStatus": "{\(repo),\(image)}",
            "DescribeImages": "{\(repo)}",
            "DescribePullThroughCacheRules": "{}",
            "DescribeRegistry": "{}",
            "DescribeRepositories": "{}",
            "DescribeRepositoryCreationTemplates": "{}",
            "GetAccountSetting": #"{"name":"BLOB_MOUNTING"}"#,
            "GetAuthorizationToken": "{}",
            "GetDownloadUrlForLayer": #"{\#(repo),"layerDigest":"\#(seeded.layerDigest)"}"#,
            "GetLifecyclePolicy": "{\(repo)}",
            "GetLifecyclePolicyPreview": "{\(repo)}",
            "GetRegistryPolicy": "{}",
            "GetRegistryScanningConfiguration": "{}",
            "GetRepositoryPolicy": "{\(repo)}",
            "GetSigningConfiguration": "{}",
            "InitiateLayerUpload": "{\(repo)}",
            "ListImageReferrers": #"{\#(repo),"subjectId":{"imageDigest":"\#(seeded.imageDigest)"}}"#,
            "ListImages": "{\(repo)}",
            "ListPullTimeUpdateExclusions": "{}",
            "ListTagsForResource": #"{"resourceArn":"\#(arn)"}"#,
            "PutAccountSetting": #"{"name":"BLOB_MOUNTING","value":"DISABLED"}"#,
            "PutImage": #"{\#(repo),"imageManifest":"{\"schemaVersion\":2}","imageTag":"v2"}"#,
            "PutImageScanningConfiguration": #"{\#(repo),"imageScanningConfiguration":{"scanOnPush":true}}"#,
            "PutImageTagMutability": #"{\#(repo),"imageTagMutability":"IMMUTABLE"}"#,
            "PutLifecyclePolicy": #"{\#(repo),"lifecyclePolicyText":"\#(escapedLifecycle)"}"#,
            "PutRegistryPolicy": #"{"policyText":"\#(policy)"}"#,
            "PutRegistryScanningConfiguration": #"{"scanType":"BASIC"}"#,
            "PutReplicationConfiguration":
                #"{"replicationConfiguration":{"rules":[{"destinations":[{"region":"eu-west-1","registryId":"123456789012"}]}]}}"#,
            "PutSigningConfiguration":
                #"{"signingConfiguration":{"rules":[{"signingProfileArn":"arn:aws:signer:us-east-1:123456789012:/signing-profiles/berth"}]}}"#,
            "RegisterPullTimeUpdateExclusion": #"{"principalArn":"\#(principal)"}"#,
            "SetRepositoryPolicy": #"{\#(repo),"policyText":"\#(policy)"}"#,
            "StartImageScan": "{\(repo),\(image)}",
            "StartLifecyclePolicyPreview": "{\(repo)}",
            "TagResource": #"{"resourceArn":"\#(arn)","tags":[{"Key":"k","Value":"v"}]}"#,
            "UntagResource": #"{"resourceArn":"\#(arn)","tagKeys":["team"]}"#,
            "UpdateImageStorageClass": #"{\#(repo),\#(image),"targetStorageClass":"ARCHIVE"}"#,
            "UpdatePullThroughCacheRule": #"{"ecrRepositoryPrefix":"hub"}"#,
            "UpdateRepositoryCreationTemplate": #"{"prefix":"team"}"#,
            "UploadLayerPart":
                #"{\#(repo),"uploadId":"\#(seeded.uploadID)","partFirstByte":0,"partLastByte":2,"layerPartBlob":"YWJj"}"#,
            "ValidatePullThroughCacheRule": #"{"ecrRepositoryPrefix":"hub"}"#,
        ]
    }

    /// The query form of a JSON input (`a.b=`, `list.member.N=`), percent-encoded.
    static func query(action: String, json: String) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
        var pairs: [(String, String)] = [("Action", action)]
        flatten(object, prefix: "", into: &pairs)
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
        return pairs.map {
            "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }
        .joined(separator: "&")
    }

    private static func flatten(_ value: Any, prefix: String, into pairs: inout [(String, String)]) {
        switch value {
        case let object as [String: Any]:
            for key in object.keys.sorted() { flatten(object[key]!, prefix: prefix.isEmpty ? key : "\(prefix).\(key)", into: &pairs) }
        case let list as [Any]:
            for (index, element) in list.enumerated() { flatten(element, prefix: "\(prefix).member.\(index + 1)", into: &pairs) }
        case let number as NSNumber where String(cString: number.objCType) == "c":
            pairs.append((prefix, number.boolValue ? "true" : "false"))
        default:
            pairs.append((prefix, "\(value)"))
        }
    }
}
