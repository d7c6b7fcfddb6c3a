import BerthAuth
import BerthModel
import Testing

/// Repository policy validation: the policies AWS documents for ECR are accepted and parsed; malformed ones are
/// refused with a message that says what is wrong.
@Suite struct PolicyDocumentTests {
    /// ECR user guide, "Allow another account to pull".
    static let allowPullForAccount = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "AllowCrossAccountPull",
              "Effect": "Allow",
              "Principal": { "AWS": "arn:aws:iam::123456789012:root" },
              "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
            }
          ]
        }
        """

    /// ECR user guide, "Allow IAM users and roles to push and pull".
    static let allowPushPullForRole = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "AllowPushPull",
              "Effect": "Allow",
              "Principal": {
                "AWS": ["arn:aws:iam::111122223333:user/push-pull-user-1", "arn:aws:iam::111122223333:role/push-pull-role"]
              },
              "Action": [
                "ecr:BatchGetImage", "ecr:BatchCheckLayerAvailability", "ecr:CompleteLayerUpload", "ecr:GetDownloadUrlForLayer",
                "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart"
              ]
            }
          ]
        }
        """

    /// Deny image and repository deletion to everyone.
    static let denyDeleteForEveryone = """
        {
          "Version": "2012-10-17",
          "Statement": [
            { "Sid": "DenyDelete", "Effect": "Deny", "Principal": "*", "Action": ["ecr:BatchDeleteImage", "ecr:DeleteRepository"] }
          ]
        }
        """

    /// CodeBuild pulling on behalf of one project, with conditions (ECR user guide).
    static let codeBuildWithConditions = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "CodeBuildAccess",
              "Effect": "Allow",
              "Principal": { "Service": "codebuild.amazonaws.com" },
              "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"],
              "Condition": {
                "ArnLike": { "aws:SourceArn": "arn:aws:codebuild:us-east-1:123456789012:project/project-name" },
                "StringEquals": { "aws:SourceAccount": ["123456789012"] },
                "Bool": { "aws:SecureTransport": true }
              }
            }
          ]
        }
        """

    /// An older console-generated policy: 2008 version, one statement object, "new statement" Sid, account ID.
    static let legacyConsolePolicy = """
        {"Version":"2008-10-17","Statement":{"Sid":"new statement","Effect":"Allow","Principal":{"AWS":"123456789012"},
        "Action":"ecr:*","Resource":"arn:aws:ecr:us-east-1:123456789012:repository/team/app"}}
        """

    @Test func allowPullForAnAccount() throws {
        let document = try PolicyDocument.parse(Self.allowPullForAccount)
        #expect(document.version == "2012-10-17")
        #expect(
            document.statements == [
                PolicyStatement(
                    sid: "AllowCrossAccountPull", effect: .allow,
                    principal: .principal(PolicyPrincipals(aws: ["arn:aws:iam::123456789012:root"])),
                    action: .action(["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]))
            ])
    }

    @Test func allowPushPullForARoleAndUser() throws {
        let statement = try #require(try PolicyDocument.parse(Self.allowPushPullForRole).statements.first)
        guard case .principal(let principals) = statement.principal else {
            Issue.record("expected Principal")
            return
        }
        #expect(principals.aws.count == 2)
        #expect(statement.action.covers("ecr:PutImage"))
        #expect(!statement.action.covers("ecr:DeleteRepository"))
    }

    @Test func denyDeleteForEveryone() throws {
        let statement = try #require(try PolicyDocument.parse(Self.denyDeleteForEveryone).statements.first)
        #expect(statement.effect == .deny)
        #expect(statement.principal == .principal(.everyone))
        #expect(statement.action.covers("ecr:batchdeleteimage"))
    }

    @Test func serviceWithConditions() throws {
        let statement = try #require(try PolicyDocument.parse(Self.codeBuildWithConditions).statements.first)
        #expect(statement.principal == .principal(PolicyPrincipals(service: ["codebuild.amazonaws.com"])))
        #expect(
            statement.conditions == [
                PolicyCondition(
                    operatorName: "ArnLike", key: "aws:SourceArn", values: ["arn:aws:codebuild:us-east-1:123456789012:project/project-name"]),
                PolicyCondition(operatorName: "StringEquals", key: "aws:SourceAccount", values: ["123456789012"]),
                PolicyCondition(operatorName: "Bool", key: "aws:SecureTransport", values: ["true"]),
            ])
    }

    @Test func legacyConsolePolicy() throws {
        let document = try PolicyDocument.parse(Self.legacyConsolePolicy)
        #expect(document.version == "2008-10-17")
        let statement = try #require(document.statements.first)
        #expect(statement.sid == "new statement")
        #expect(statement.resource == .resource(["arn:aws:ecr:us-east-1:123456789012:repository/team/app"]))
        #expect(statement.resource?.covers("arn:aws:ecr:us-east-1:123456789012:repository/team/app") == true)
        #expect(statement.action.covers("ecr:BatchGetImage"))
    }

    @Test func negatedElementsAndWildcards() throws {
        let document = try PolicyDocument.parse(
            """
            {"Statement": [{"Effect": "Deny", "NotPrincipal": {"AWS": ["*"]}, "NotAction": ["ecr:Get*", "ecr:Batch?etImage"],
              "NotResource": "arn:aws:ecr:*:123456789012:repository/public/*"}]}
            """)
        let statement = try #require(document.statements.first)
        #expect(document.version == nil)
        #expect(statement.principal == .notPrincipal(PolicyPrincipals(isEveryone: true, aws: ["*"])))
        #expect(!statement.action.covers("ecr:GetAuthorizationToken"))
        #expect(!statement.action.covers("ecr:BatchGetImage"))
        #expect(statement.action.covers("ecr:PutImage"))
        #expect(statement.resource?.covers("arn:aws:ecr:eu-west-1:123456789012:repository/public/base") == false)
        #expect(statement.resource?.covers("arn:aws:ecr:eu-west-1:123456789012:repository/private/base") == true)
    }

    static let malformed: [(text: String, message: String)] = [
        ("{\"Version\": \"2012-10-17\", ", "Policy document is not valid JSON: unexpected end of input in an object at offset 26."),
        ("[]", "A policy document must be a JSON object, not an array."),
        ("{\"Version\": \"2020-01-01\", \"Statement\": []}", "Version must be \"2012-10-17\" or \"2008-10-17\", not \"2020-01-01\"."),
        ("{\"Version\": \"2012-10-17\"}", "The policy document has no Statement."),
        ("{\"Statement\": []}", "Statement must be an object or a non-empty array of objects, not an empty array."),
        ("{\"Statements\": []}", "Unknown field 'Statements' in the policy document; allowed fields are Version, Id, Statement."),
        ("{\"Statement\": [\"x\"]}", "Statement[0] must be an object, not a string."),
        (
            "{\"Statement\": {\"Effect\": \"allow\", \"Principal\": \"*\", \"Action\": \"ecr:*\"}}",
            "Statement: Effect must be \"Allow\" or \"Deny\", not \"allow\"."
        ),
        (
            "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"ecr:*\"}]}",
            "Statement[0]: a repository policy statement needs a Principal (or NotPrincipal)."
        ),
        (
            "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"everyone\", \"Action\": \"ecr:*\"}]}",
            "Statement[0]: Principal must be \"*\" or an object with AWS, Service or Federated keys, not \"everyone\"."
        ),
        (
            "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"User\": \"bob\"}, \"Action\": \"ecr:*\"}]}",
            "Statement[0]: Principal: unsupported principal type 'User'; use AWS, Service or Federated."
        ),
        (
            "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"bob\"}, \"Action\": \"ecr:*\"}]}",
            "Statement[0]: Principal.AWS: invalid principal 'bob'; expected \"*\", a 12-digit account ID or an ARN."
        ),
        (
            "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"ecr BatchGetImage\"}]}",
            "Statement[0]: Action: invalid action 'ecr BatchGetImage'; expected \"*\" or service:action, e.g. \"ecr:BatchGetImage\" "
                + "or \"ecr:*\" (service: letters, digits, hyphens; action: letters, digits, * and ?)."
        ),
        (
            "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": []}]}",
            "Statement[0]: Action must not be an empty array."
        ),
        (
            "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\"}]}",
            "Statement[0]: Action (or NotAction) is required."
        ),
        (
            "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"ecr:*\", \"NotAction\": \"ecr:PutImage\"}]}",
            "Statement[0]: use Action or NotAction, not both."
        ),
        (
            "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Actions\": \"ecr:*\"}]}",
            "Unknown field 'Actions' in Statement[0]; allowed fields are Sid, Effect, Principal, NotPrincipal, Action, NotAction, "
                + "Resource, NotResource, Condition."
        ),
        (
            "{\"Statement\": [{\"Sid\": \"no-dashes!\", \"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"ecr:*\"}]}",
            "Statement[0]: Sid 'no-dashes!' may contain only letters, digits and spaces."
        ),
        (
            "{\"Statement\": [{\"Sid\": \"A\", \"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"ecr:*\"},"
                + " {\"Sid\": \"A\", \"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"ecr:*\"}]}",
            "Statement[1]: Sid 'A' is already used by another statement; statement IDs must be unique."
        ),
        (
            "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"ecr:*\", \"Resource\": \"repository/app\"}]}",
            "Statement[0]: Resource: invalid resource 'repository/app'; expected \"*\" or an ARN such as "
                + "arn:aws:ecr:us-east-1:123456789012:repository/name."
        ),
        (
            "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"ecr:*\", \"Condition\": {\"StringEquals\": \"x\"}}]}",
            "Statement[0]: Condition.StringEquals must be a non-empty object of condition keys, "
                + "e.g. {\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}}."
        ),
        (
            "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"ecr:*\", \"Condition\": [\"x\"]}]}",
            "Statement[0]: Condition must be an object of objects, e.g. {\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}}, "
                + "not an array."
        ),
        (
            "{\"Statement\": [{\"Effect\": \"Allow\", \"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"ecr:*\"}]}",
            "Policy document is not valid JSON: duplicate key 'Effect' at offset 35."
        ),
    ]

    @Test(arguments: malformed.indices)
    func malformedPolicyIsRefusedWithAClearMessage(_ index: Int) {
        let (text, message) = Self.malformed[index]
        #expect(throws: PolicyDocumentError(message: message)) { try PolicyDocument.parse(text) }
    }

    @Test func jsonEdgeCases() throws {
        let escaped = try PolicyDocument.parse(
            #"{"Statement": {"Sid": "A\u0042", "Effect": "Allow", "Principal": "*", "Action": "ecr:\u002A"}, "Id": "x\ud83d\ude00"}"#)
        #expect(escaped.statements.first?.sid == "AB")
        #expect(escaped.statements.first?.action == .action(["ecr:*"]))
        #expect(escaped.id == "x\u{1F600}")
        #expect(throws: PolicyDocumentError.self) { try PolicyDocument.parse("{} {}") }
        #expect(throws: PolicyDocumentError.self) { try PolicyDocument.parse(#"{"Statement": 01}"#) }
        #expect(throws: PolicyDocumentError.self) { try PolicyDocument.parse(#"{"Id": "\ud83d"}"#) }
        #expect(throws: PolicyDocumentError.self) { try PolicyDocument.parse(String(repeating: "[", count: 10_000)) }
        #expect(throws: PolicyDocumentError.self) { try PolicyDocument.parse("") }
    }

    @Test func wildcardMatching() {
        #expect(WildcardPattern.matches("ecr:*", "ecr:PutImage", questionMark: true, caseSensitive: false))
        #expect(WildcardPattern.matches("*", "", questionMark: true, caseSensitive: true))
        #expect(WildcardPattern.matches("a*b?d", "aXXbcd", questionMark: true, caseSensitive: true))
        #expect(!WildcardPattern.matches("a*b?d", "aXXbd", questionMark: true, caseSensitive: true))
        #expect(!WildcardPattern.matches("ECR:PUT*", "ecr:PutImage", questionMark: true, caseSensitive: true))
        #expect(WildcardPattern.matches("ECR:PUT*", "ecr:PutImage", questionMark: true, caseSensitive: false))
    }
}
