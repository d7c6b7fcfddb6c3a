import BerthClient
import Testing

@Suite("ClientConfiguration: endpoint, credentials and region found as AWS tools find them")
struct ClientConfigurationTests {
    static let credentialsText = """
        [default]
        aws_access_key_id = AKIDDEFAULT
        aws_secret_access_key = secret-default

        [ci]
        aws_access_key_id=AKIDCI
        aws_secret_access_key=secret-ci
        aws_session_token = token-ci
        """

    static let configText = """
        # a comment
        [default]
        region = eu-west-1
        endpoint_url = http://registry.local:5000/

        [profile ci]
        region = ap-south-1
        endpoint_url = https://berth.example.com
        s3 =
          max_concurrent_requests = 4

        [profile inline]
        aws_access_key_id = AKIDINLINE
        aws_secret_access_key = secret-inline
        """

    static func files(credentials: String = credentialsText, config: String = configText) -> SharedConfigFiles {
        let environment = ["HOME": "/home/u"]
        let texts = ["/home/u/.aws/credentials": credentials, "/home/u/.aws/config": config]
        do {
            return try SharedConfigFiles.load(environment: environment, read: { texts[$0] })
        } catch {
            Issue.record("\(error)")
            return SharedConfigFiles(credentialsPath: "", configPath: "", credentials: INIFile(parsing: ""), config: INIFile(parsing: ""))
        }
    }

    @Test func profileDefaultsComeFromTheSharedFiles() throws {
        let resolved = try ClientConfiguration.resolve(ClientOptions(), environment: [:], files: Self.files())
        #expect(resolved.endpoint == ClientEndpoint(baseURL: "http://registry.local:5000"))
        #expect(resolved.region == "eu-west-1")
        #expect(resolved.credentials.accessKeyID == "AKIDDEFAULT")
        #expect(resolved.credentials.secretAccessKey == "secret-default")
        #expect(resolved.credentials.sessionToken == nil)
    }

    @Test func endpointPrecedence() throws {
        let files = Self.files()
        var environment = [
            "BERTH_ENDPOINT": "http://berth:1", "AWS_ENDPOINT_URL_ECR": "http://ecr:2", "AWS_ENDPOINT_URL": "http://any:3",
        ]
        let flag = ClientOptions(endpointURL: "http://flag:9")
        #expect(try ClientConfiguration.resolve(flag, environment: environment, files: files).endpoint.baseURL == "http://flag:9")
        #expect(try ClientConfiguration.resolve(ClientOptions(), environment: environment, files: files).endpoint.baseURL == "http://berth:1")
        environment["BERTH_ENDPOINT"] = nil
        #expect(try ClientConfiguration.resolve(ClientOptions(), environment: environment, files: files).endpoint.baseURL == "http://ecr:2")
        environment["AWS_ENDPOINT_URL_ECR"] = nil
        #expect(try ClientConfiguration.resolve(ClientOptions(), environment: environment, files: files).endpoint.baseURL == "http://any:3")
    }

    @Test func missingEndpointNamesEveryPlace() {
        let files = Self.files(config: "[default]\nregion = us-west-2\n")
        #expect {
            try ClientConfiguration.resolve(ClientOptions(), environment: [:], files: files)
        } throws: { error in
            let text = "\(error)"
            return ["--endpoint-url", "BERTH_ENDPOINT", "AWS_ENDPOINT_URL_ECR", "AWS_ENDPOINT_URL", "endpoint_url", "/home/u/.aws/config"]
                .allSatisfy { text.contains($0) }
        }
    }

    @Test func invalidEndpointIsRefused() {
        #expect(throws: ClientError.self) {
            try ClientConfiguration.resolve(ClientOptions(endpointURL: "ftp://x"), environment: [:], files: Self.files())
        }
        #expect(throws: ClientError.self) {
            try ClientConfiguration.resolve(ClientOptions(endpointURL: "localhost:5000"), environment: [:], files: Self.files())
        }
    }

    @Test func environmentCredentialsWinUnlessProfileFlagIsGiven() throws {
        let environment = ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "secret-env", "AWS_SESSION_TOKEN": "tok", "AWS_PROFILE": "ci"]
        let fromEnvironment = try ClientConfiguration.resolve(ClientOptions(), environment: environment, files: Self.files())
        #expect(
            fromEnvironment.credentials
                == AWSCredentials(accessKeyID: "AKIDENV", secretAccessKey: "secret-env", sessionToken: "tok", source: "environment"))
        // AWS_PROFILE still picks the profile's endpoint and region.
        #expect(fromEnvironment.endpoint.baseURL == "https://berth.example.com")
        #expect(fromEnvironment.region == "ap-south-1")

        let fromFlag = try ClientConfiguration.resolve(ClientOptions(profile: "ci"), environment: environment, files: Self.files())
        #expect(fromFlag.credentials.accessKeyID == "AKIDCI")
        #expect(fromFlag.credentials.sessionToken == "token-ci")
    }

    @Test func halfAnEnvironmentKeyIsAnError() {
        #expect(throws: ClientError.configuration("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")) {
            try ClientConfiguration.resolve(ClientOptions(), environment: ["AWS_ACCESS_KEY_ID": "A"], files: Self.files())
        }
    }

    @Test func credentialsMayLiveInTheConfigFile() throws {
        let resolved = try ClientConfiguration.resolve(
            ClientOptions(endpointURL: "http://h:1", profile: "inline"), environment: [:], files: Self.files())
        #expect(resolved.credentials.accessKeyID == "AKIDINLINE")
        #expect(resolved.region == "us-east-1")
    }

    @Test func missingCredentialsNameTheFiles() {
        #expect {
            try ClientConfiguration.resolve(ClientOptions(endpointURL: "http://h:1", profile: "nobody"), environment: [:], files: Self.files())
        } throws: { error in
            "\(error)".contains("AWS_ACCESS_KEY_ID") && "\(error)".contains("'nobody'") && "\(error)".contains("/home/u/.aws/credentials")
        }
    }

    @Test func regionPrecedence() throws {
        let files = Self.files()
        var environment = ["AWS_REGION": "r-env", "AWS_DEFAULT_REGION": "r-default"]
        #expect(try ClientConfiguration.resolve(ClientOptions(region: "r-flag"), environment: environment, files: files).region == "r-flag")
        #expect(try ClientConfiguration.resolve(ClientOptions(), environment: environment, files: files).region == "r-env")
        environment["AWS_REGION"] = nil
        #expect(try ClientConfiguration.resolve(ClientOptions(), environment: environment, files: files).region == "r-default")
        environment["AWS_DEFAULT_REGION"] = nil
        #expect(try ClientConfiguration.resolve(ClientOptions(), environment: environment, files: files).region == "eu-west-1")
    }

    @Test func filePathsComeFromTheEnvironment() throws {
        let environment = ["HOME": "/h", "AWS_SHARED_CREDENTIALS_FILE": "/etc/creds", "AWS_CONFIG_FILE": "~/cfg"]
        var asked: [String] = []
        let files = try SharedConfigFiles.load(environment: environment) { path in
            asked.append(path)
            return nil
        }
        #expect(asked == ["/etc/creds", "/h/cfg"])
        #expect(files.credentials.sections.isEmpty)
    }
}
